import { z } from 'zod';
import { GuidanceId } from '../guidance/ids';
import { LocalizedText } from '../localized';
import { WifiSecurity } from '../facts';
import { Platform } from '../checks';
import { IsolationSettings } from './isolation';

/**
 * The organisation's policy. This zod schema is the single source of truth:
 * policies/policy.schema.json is generated from it (npm run schema) for editors.
 * Every object is strict: a misspelt key is an error, never silently ignored.
 * Custom messages are message-catalogue keys (policy.expected.*), shown in Japanese and English.
 */

const hex = (digits: number) =>
  z
    .string()
    .regex(new RegExp(`^(0x)?[0-9a-fA-F]{${digits}}$`), digits === 4 ? 'policy.expected.hex4' : 'policy.expected.hex2')
    .transform((s) => parseInt(s.replace(/^0x/i, ''), 16));

const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'policy.expected.id');
const Seconds = z.number().int().min(0).max(7 * 24 * 3600);

export const Contact = z.strictObject({
  role: z.enum(['security-officer', 'lan-helpdesk', 'csirt']),
  name: LocalizedText,
  phone: z.string().regex(/^[0-9+()\- ]{3,30}$/, 'policy.expected.phone'),
  email: z.email(),
  hours: LocalizedText.optional(),
});
export type Contact = z.infer<typeof Contact>;

export const ScreenLockPolicy = z.strictObject({
  /** The longest allowed inactivity before the screen locks by itself. */
  maxLockAfterSeconds: Seconds.min(1),
  /** Resuming from sleep must ask for the password. */
  requirePasswordOnResume: z.boolean(),
  /** The longest a PC may sit idle and unlocked before the user is told to lock it (2章-1). */
  maxUnlockedIdleSeconds: Seconds.min(1),
});

/** Glob over names: `*` any run of characters, `?` one character; case- and width-insensitive (NFKC). */
const Glob = z.string().min(1).max(500);

export const VersionRange = z
  .string()
  .regex(
    /^\s*(?:(?:>=|<=|>|<|=)\s*[0-9A-Za-z.:~+_-]+\s*)+$/,
    'policy.expected.version-range',
  );

export const SoftwareMatch = z
  .strictObject({
    name: Glob.optional(),
    publisher: Glob.optional(),
    identifier: Glob.optional(),
    teamId: z.string().regex(/^[A-Z0-9]{10}$/, 'policy.expected.team-id').optional(),
    /** Process executable name (e.g. "Dropbox.exe"); a rule with it also matches running processes. */
    process: Glob.optional(),
    version: VersionRange.optional(),
    platforms: z.array(Platform).min(1).optional(),
  })
  .refine((m) => m.name ?? m.publisher ?? m.identifier ?? m.teamId ?? m.process, {
    message: 'policy.expected.match-field',
  });
export type SoftwareMatch = z.infer<typeof SoftwareMatch>;

export const SoftwareRule = z.strictObject({
  id: Id,
  action: z.enum(['allow', 'deny']),
  match: SoftwareMatch,
  reason: LocalizedText,
  guidance: z.array(GuidanceId).min(1).default(['2章-2']),
});
export type SoftwareRule = z.infer<typeof SoftwareRule>;

export const SoftwarePolicy = z.strictObject({
  /** denylist: only deny rules raise findings. allowlist: anything not allowed is unapproved too. */
  mode: z.enum(['denylist', 'allowlist']),
  /** In allowlist mode, inventories that are the OS itself and not judged (e.g. dpkg on Linux). */
  ignoreSources: z.array(z.string().max(40)).default([]),
  rules: z.array(SoftwareRule).max(100_000),
});

/**
 * USB approval, in the spirit of USBGuard's rules. An attribute left out matches anything; so that an
 * administrator says exactly what is meant about serials (bulk-bought sticks can share one, some have none):
 *   serial: "ABC"              only the device reporting exactly this serial
 *   serial: { absent: true }   only devices of this model that report no serial
 *   serial left out            every serial of this model (the whole model is approved)
 */
export const ApprovedUsbDevice = z
  .strictObject({
    id: Id,
    label: LocalizedText,
    vendorId: hex(4).optional(),
    productId: hex(4).optional(),
    serial: z.union([z.string().min(1).max(255), z.strictObject({ absent: z.literal(true) })]).optional(),
    /** The device's interface classes must all be in this list (so a "stick" that also types keys does not match). */
    interfaceClasses: z.array(hex(2)).min(1).optional(),
    holder: z.string().max(200).optional(),
    /** Reference to the lending log (貸出簿) entry. */
    lendingLogRef: z.string().max(200).optional(),
    /** Time-boxed approvals end at this time. */
    expires: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((d) => d.vendorId !== undefined || d.interfaceClasses !== undefined, {
    message: 'policy.expected.usb-identity',
  })
  .refine((d) => d.serial === undefined || (d.vendorId !== undefined && d.productId !== undefined), {
    message: 'policy.expected.serial-needs-ids',
    path: ['serial'],
  });
export type ApprovedUsbDevice = z.infer<typeof ApprovedUsbDevice>;

export const UsbPolicy = z.strictObject({
  /** What a device matching no entry gets. */
  onUnapproved: z.enum(['warn', 'warn-and-report']),
  /** Device classes allowed without an entry when every interface is of these classes (03 HID, 09 hub…). */
  allowedClasses: z.array(hex(2)).default([]),
  /**
   * Two devices attached at once with the same vendor, product and serial cannot both be the one lent:
   * "unapproved" treats both as unapproved, "allow" accepts it (for models known to share a serial).
   */
  onDuplicateSerial: z.enum(['unapproved', 'allow']).default('unapproved'),
  approved: z.array(ApprovedUsbDevice).max(100_000),
});

export const ApprovedWifi = z.strictObject({
  ssid: z.string().min(1).max(32),
  /** When given, only these access points are approved for the SSID (lower-case aa:bb:cc:dd:ee:ff). */
  bssids: z.array(z.string().regex(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/, 'policy.expected.bssid')).min(1).optional(),
  minimumSecurity: WifiSecurity.optional(),
  label: LocalizedText.optional(),
});

export const WifiPolicy = z.strictObject({
  approved: z.array(ApprovedWifi).max(10_000),
  /** Default minimum for approved networks without their own. */
  minimumSecurity: WifiSecurity,
  forbidOpenNetworks: z.boolean(),
  onUnapproved: z.enum(['warn', 'warn-and-report']),
});

export const ReportingChannel = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('https'), url: z.url({ protocol: /^https$/ }), caFile: z.string().optional() }),
  z.strictObject({
    type: z.literal('syslog-tls'),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(6514),
    caFile: z.string().optional(),
  }),
  z.strictObject({
    type: z.literal('smtp'),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(587),
    from: z.email(),
    to: z.array(z.email()).min(1),
    caFile: z.string().optional(),
  }),
]);

export const Intervals = z.strictObject({
  screenLockSeconds: z.number().int().min(5).max(3600),
  softwareSeconds: z.number().int().min(30).max(86_400),
  /** USB is event-driven; this is the fallback poll where hot-plug events are missing. */
  usbSeconds: z.number().int().min(1).max(3600),
  wifiSeconds: z.number().int().min(5).max(3600),
});

export const GuidanceOverride = z.strictObject({
  title: LocalizedText.optional(),
  summary: LocalizedText.optional(),
  actions: z.array(LocalizedText).optional(),
  /** Extra, organisation-specific steps shown after the standard ones. */
  extraActions: z.array(LocalizedText).optional(),
});

export const Policy = z.strictObject({
  $schema: z.string().optional(),
  schemaVersion: z.literal(1),
  /** Increases with every published change; an older revision never replaces a newer one. */
  revision: z.number().int().min(1),
  organization: z.strictObject({ name: LocalizedText }),
  contacts: z.array(Contact).min(1),
  intervals: Intervals,
  screenLock: ScreenLockPolicy,
  software: SoftwarePolicy,
  usb: UsbPolicy,
  wifi: WifiPolicy,
  reporting: z.strictObject({
    channels: z.array(ReportingChannel),
    /**
     * Network isolation (docs/isolation.md): what stays reachable besides the channels, and the release
     * code's hash. Left out: only the channels (+ loopback, DHCP) stay reachable and only root releases.
     */
    isolation: IsolationSettings.optional(),
  }),
  guidanceOverrides: z.partialRecord(GuidanceId, GuidanceOverride).default({}),
  /**
   * Where newer revisions of this policy are fetched from, and how often (src/node/policy/update.ts):
   * an https:// URL (ETag/If-None-Match; caFile adds a private CA) or a file path such as
   * \\server\share\mamori\policy.json. POLICY.sig is fetched beside it; an update is used only when
   * signed by a trusted key and newer than the policy in force. Left out: no automatic updates.
   */
  updates: z
    .strictObject({
      source: z.string().min(1),
      intervalSeconds: z.number().int().min(60).max(86_400),
      caFile: z.string().optional(),
    })
    .optional(),
  /** Whether staff may quit the tray app. */
  allowQuit: z.boolean().default(false),
});
export type Policy = z.infer<typeof Policy>;
export type PolicyInput = z.input<typeof Policy>;
