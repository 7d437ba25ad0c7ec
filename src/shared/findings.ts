import { z } from 'zod';
import { CheckId, CheckStatus } from './checks';
import { GuidanceId } from './guidance/ids';
import { Unknown } from './observed';
import { LocalizedText } from './localized';

/** Every kind of finding, with the check it belongs to. The id is part of the CLI's JSON output. */
export const FINDING_KINDS = {
  'screen-lock-disabled': 'screen-lock',
  'screen-lock-too-slow': 'screen-lock',
  'screen-lock-no-password-on-resume': 'screen-lock',
  'screen-left-unlocked': 'screen-lock',
  'software-denied-installed': 'software',
  'software-unapproved-installed': 'software',
  'software-denied-running': 'software',
  'usb-unapproved-device': 'usb',
  'usb-approved-device': 'usb',
  'wifi-open-network': 'wifi',
  'wifi-unapproved-network': 'wifi',
  'wifi-weak-security': 'wifi',
  'wifi-unknown-access-point': 'wifi',
} as const satisfies Record<string, CheckId>;
export type FindingKind = keyof typeof FINDING_KINDS;
export const FindingKind = z.enum(Object.keys(FINDING_KINDS) as [FindingKind, ...FindingKind[]]);

/** info = a reminder that does not fail the check (an approved USB stick); warning and violation fail it. */
export const Severity = z.enum(['info', 'warning', 'violation']);
export type Severity = z.infer<typeof Severity>;

const Scalar = z.union([z.string().max(4000), z.number(), z.boolean(), z.null()]);

export const Subject = z.object({
  type: z.enum(['setting', 'session', 'software', 'process', 'usb-device', 'wifi-network']),
  /** Stable identity of the subject within its type (device identity, SSID, package id). */
  key: z.string().max(4000),
  /** What the user reads: device name, SSID, software name. */
  label: z.string().max(4000),
  /** What was observed, for the detail view and reports (vendor id, serial, version, seconds…). */
  details: z.record(z.string(), Scalar),
});
export type Subject = z.infer<typeof Subject>;

export const Finding = z.object({
  /** Stable across cycles for the same problem on the same subject. */
  id: z.string().regex(/^[a-z0-9-]+\/[0-9a-f]{16}$/),
  kind: FindingKind,
  check: CheckId,
  severity: Severity,
  subject: Subject,
  /** The policy rule that decided it (an approved-list entry, a software rule, a policy setting). */
  rule: z.object({ id: z.string().max(200), reason: LocalizedText.optional() }),
  /** Whether the policy asks for the finding to be reported to the CSIRT as well as shown. */
  report: z.boolean(),
  guidance: z.array(GuidanceId).min(1),
  firstSeen: z.iso.datetime(),
  lastSeen: z.iso.datetime(),
});
export type Finding = z.infer<typeof Finding>;

export const CheckResult = z.object({
  id: CheckId,
  status: CheckStatus,
  /** Why the status is unknown (for fail and pass: the parts that could not be observed, if any). */
  unknowns: z.array(Unknown.extend({ fact: z.string() })),
  findings: z.array(Finding),
  checkedAt: z.iso.datetime(),
});
export type CheckResult = z.infer<typeof CheckResult>;
