import { z } from 'zod';

/**
 * Why a fact could not be observed. A closed list so that every reason has a
 * translated message (i18n `unknown.*`) and administrators can grep for it.
 */
export const UnknownReason = z.enum([
  'command-missing', // the tool is not installed on this PC
  'command-failed', // the tool ran and reported an error
  'command-timeout',
  'access-denied', // blocked by policy or permissions (PowerShell, reg.exe, D-Bus)
  'unparseable-output', // output present but not in any shape we know
  'no-desktop-session', // no session bus / no graphical login to ask
  'no-usb-bus',
  'no-wifi-adapter',
  'location-permission', // OS redacts the SSID without location permission
  'not-supported', // this OS or desktop does not expose the fact
  'probe-error', // unexpected exception inside a probe (a bug, reported as unknown)
]);
export type UnknownReason = z.infer<typeof UnknownReason>;

export const Unknown = z.object({
  state: z.literal('unknown'),
  reason: UnknownReason,
  /** Technical detail for administrators (command name, exit code, first line of stderr). */
  detail: z.string().max(2000).optional(),
});
export type Unknown = z.infer<typeof Unknown>;

/** A fact is either observed or explicitly unknown; never an absent value that could be read as "compliant". */
export function observed<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('state', [z.object({ state: z.literal('known'), value }), Unknown]);
}
export type Observed<T> = { state: 'known'; value: T } | Unknown;

export const known = <T>(value: T): Observed<T> => ({ state: 'known', value });
export const unknown = (reason: UnknownReason, detail?: string): Unknown =>
  detail === undefined ? { state: 'unknown', reason } : { state: 'unknown', reason, detail: detail.slice(0, 2000) };
