import type { ScreenLockConfig } from '../../../shared/facts';
import type { Observed, Unknown } from '../../../shared/observed';
import { known, unknown } from '../../../shared/observed';
import type { Host } from '../../host/host';
import { runText } from '../command';
import { gvariantBoolean, gvariantUnsigned } from './parse/gsettings';
import { firstLineOf } from './parse/lines';
import { isUnknown } from './unknowns';

/** The GNOME settings that decide when the screen locks with a password. */
export interface GnomeLockSettings {
  /** org.gnome.desktop.session idle-delay: seconds until the screen blanks; 0 = never. */
  idleDelay: number;
  /** org.gnome.desktop.screensaver lock-enabled: lock when the screen blanks. */
  lockEnabled: boolean;
  /** org.gnome.desktop.screensaver lock-delay: seconds between blanking and locking. */
  lockDelay: number;
  /** org.gnome.desktop.lockdown disable-lock-screen: an administrator's switch that stops all locking. */
  lockScreenDisabled: boolean;
  /** org.gnome.desktop.screensaver ubuntu-lock-on-suspend: Ubuntu's patch only; null where the key does not exist. */
  lockOnSuspend: boolean | null;
}

/** Platform notes 1.4: the screen locks idle-delay + lock-delay after the last input, when it locks at all. */
export function gnomeLockAfterSeconds(s: GnomeLockSettings): number | null {
  if (s.lockScreenDisabled || !s.lockEnabled || s.idleDelay <= 0) return null;
  return s.idleDelay + s.lockDelay;
}

/** Only Ubuntu says whether resuming asks for the password; upstream GNOME has no such key. */
export function gnomePasswordOnResume(s: GnomeLockSettings): boolean | null {
  if (s.lockScreenDisabled) return false;
  return s.lockOnSuspend;
}

/**
 * GIO falls back to the in-memory backend when dconf is unavailable and then prints schema
 * defaults, which would read as this user's settings; it says so on stderr.
 */
const MEMORY_BACKEND = /'memory' GSettings backend/;

type Read = { text: string } | { why: Unknown };

async function gsettingsGet(host: Host, busEnv: Readonly<Record<string, string>>, schema: string, key: string): Promise<Read> {
  const spec = { file: 'gsettings', args: ['get', schema, key], env: { ...busEnv, GSETTINGS_BACKEND: 'dconf' }, timeoutMs: 5_000 };
  const out = await runText(host, spec);
  if (!out.ok) return { why: out.why };
  if (MEMORY_BACKEND.test(out.stderr)) return { why: unknown('not-supported', `gsettings: ${firstLineOf(out.stderr)}`) };
  return { text: out.stdout.trim() };
}

/** The effective GNOME lock configuration, every key read kept as evidence. */
export async function gnomeLockConfig(host: Host, busEnv: Readonly<Record<string, string>>): Promise<Observed<ScreenLockConfig>> {
  const evidence: ScreenLockConfig['evidence'] = [];
  const read = async <T>(schema: string, key: string, parse: (text: string) => T | null): Promise<T | Unknown> => {
    const r = await gsettingsGet(host, busEnv, schema, key);
    // A failed read is evidence too (an optional key's "No such key"); a required one discards it all anyway.
    evidence.push({ source: `gsettings ${schema} ${key}`, value: ('why' in r ? (r.why.detail ?? r.why.reason) : r.text).slice(0, 500) });
    if ('why' in r) return r.why;
    const value = parse(r.text);
    return value === null ? unknown('unparseable-output', `gsettings get ${schema} ${key}: ${r.text.slice(0, 100)}`) : value;
  };

  // Sequential, so the evidence lists the keys in this order.
  const idleDelay = await read('org.gnome.desktop.session', 'idle-delay', gvariantUnsigned);
  const lockEnabled = await read('org.gnome.desktop.screensaver', 'lock-enabled', gvariantBoolean);
  const lockDelay = await read('org.gnome.desktop.screensaver', 'lock-delay', gvariantUnsigned);
  const lockScreenDisabled = await read('org.gnome.desktop.lockdown', 'disable-lock-screen', gvariantBoolean);
  for (const v of [idleDelay, lockEnabled, lockDelay, lockScreenDisabled]) if (isUnknown(v)) return v;

  // Absent outside Ubuntu ("No such key"): then the OS does not tell us, which is null, not false.
  const onSuspend = await read('org.gnome.desktop.screensaver', 'ubuntu-lock-on-suspend', gvariantBoolean);

  const settings: GnomeLockSettings = {
    idleDelay: idleDelay as number,
    lockEnabled: lockEnabled as boolean,
    lockDelay: lockDelay as number,
    lockScreenDisabled: lockScreenDisabled as boolean,
    lockOnSuspend: isUnknown(onSuspend) ? null : onSuspend,
  };
  return known({ lockAfterSeconds: gnomeLockAfterSeconds(settings), passwordOnResume: gnomePasswordOnResume(settings), evidence });
}
