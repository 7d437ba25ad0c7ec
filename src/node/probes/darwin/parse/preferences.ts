/** A preference as read: not set (the OS default applies), or set to a value. */
export type Preference<T> = { set: false } | { set: true; value: T };

const NOT_SET: Preference<never> = { set: false };
const SECONDS = /^\d{1,9}$/;

/**
 * What osascript prints for `objectForKey(key).js`: an NSNumber as its number, a boolean as
 * true/false. A key that is not set gives a nil object whose `.js` is undefined, which osascript
 * prints as "undefined" or as nothing (not confirmed on a device: both are accepted).
 */
function jxaText(stdout: string): string | null {
  const text = stdout.trim();
  return text === '' || text === 'undefined' ? null : text;
}

/** A duration in seconds from osascript, or null when the output is neither a count nor "not set". */
export function jxaSecondsFrom(stdout: string): Preference<number> | null {
  const text = jxaText(stdout);
  if (text === null) return NOT_SET;
  return SECONDS.test(text) ? { set: true, value: Number(text) } : null;
}

/** A flag from osascript; profiles write it as a boolean or as the integer 0/1. */
export function jxaFlagFrom(stdout: string): Preference<boolean> | null {
  const text = jxaText(stdout);
  if (text === null) return NOT_SET;
  if (text === 'true' || text === '1') return { set: true, value: true };
  if (text === 'false' || text === '0') return { set: true, value: false };
  return null;
}

/**
 * `defaults read DOMAIN KEY`: the value on stdout (exit 0), or exit 1 with "The domain/default
 * pair of (DOMAIN, KEY) does not exist" on stderr when the user never changed the setting.
 */
export function defaultsSecondsFrom(out: { stdout: string; stderr: string; exitCode: number }): Preference<number> | null {
  if (out.exitCode === 1) return /\bdoes not exist\b/.test(out.stderr) ? NOT_SET : null;
  const text = out.stdout.trim();
  return out.exitCode === 0 && SECONDS.test(text) ? { set: true, value: Number(text) } : null;
}

/** How a preference reads in evidence. */
export const describePreference = (p: Preference<number | boolean>): string => (p.set ? String(p.value) : 'not set');
