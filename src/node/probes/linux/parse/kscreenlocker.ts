import { outputLines } from './lines';

/**
 * KDE's screen locker settings: the [Daemon] group of kscreenlockerrc.
 *
 * Keys and defaults from KDE/kscreenlocker settings/kscreenlockersettings.kcfg (commit 01984a38,
 * 2026-07; the same defaults in the older kcfg/kscreenlockersettings.kcfg):
 *   Autolock true · Timeout 5 (minutes; Double since Plasma 6, Int before) · Lock true ·
 *   LockGrace 5 (seconds) · RequirePassword true (added in Plasma 6.1) · LockOnResume true.
 * How they combine is in ksldapp.cpp: updateIdleTimeout() arms the idle lock only when
 * `autolock() && timeout() > 0`; configure() sets an endless grace period (no password) when
 * `Lock` is false; RequirePassword=false unlocks without a password at any time.
 */
export const KSCREENLOCKER_KEYS = ['Autolock', 'Timeout', 'Lock', 'LockGrace', 'RequirePassword', 'LockOnResume'] as const;
export type KscreenlockerKey = (typeof KSCREENLOCKER_KEYS)[number];

/** The raw text of each key that is set; a key that is absent (or set to nothing) takes KDE's default. */
export type KscreenlockerEntries = Partial<Record<KscreenlockerKey, string>>;

export interface KscreenlockerSettings {
  autolock: boolean;
  timeoutMinutes: number;
  lock: boolean;
  lockGraceSeconds: number;
  requirePassword: boolean;
  lockOnResume: boolean;
}

export const KSCREENLOCKER_DEFAULTS: Readonly<KscreenlockerSettings> = {
  autolock: true,
  timeoutMinutes: 5,
  lock: true,
  lockGraceSeconds: 5,
  requirePassword: true,
  lockOnResume: true,
};

/** KConfig's bool spellings (KConfigGroup::readEntry): anything else is not a bool. */
function kdeBool(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (['true', 'on', 'yes', '1'].includes(t)) return true;
  if (['false', 'off', 'no', '0'].includes(t)) return false;
  return null;
}

function kdeNumber(text: string, integer: boolean): number | null {
  const t = text.trim();
  if (!(integer ? /^-?\d+$/ : /^-?\d+(\.\d+)?$/).test(t)) return null;
  return Number(t);
}

/**
 * The settings, with KDE's default for every absent key. Null when a key holds a value KDE itself
 * would reject (KConfig then silently falls back to the default, but a garbled config is worth an
 * administrator's look rather than a confident answer).
 */
export function kscreenlockerSettings(entries: KscreenlockerEntries): KscreenlockerSettings | null {
  const read = <T>(key: KscreenlockerKey, parse: (text: string) => T | null, fallback: T): T | null => {
    const raw = entries[key];
    return raw === undefined || raw.trim() === '' ? fallback : parse(raw);
  };
  const d = KSCREENLOCKER_DEFAULTS;
  const settings = {
    autolock: read('Autolock', kdeBool, d.autolock),
    timeoutMinutes: read('Timeout', (t) => kdeNumber(t, false), d.timeoutMinutes),
    lock: read('Lock', kdeBool, d.lock),
    lockGraceSeconds: read('LockGrace', (t) => kdeNumber(t, true), d.lockGraceSeconds),
    requirePassword: read('RequirePassword', kdeBool, d.requirePassword),
    lockOnResume: read('LockOnResume', kdeBool, d.lockOnResume),
  };
  if (Object.values(settings).some((v) => v === null)) return null;
  if (settings.lockGraceSeconds! < 0) return null; // ksldapp would never end such a grace period
  return settings as KscreenlockerSettings;
}

/** Seconds of inactivity after which a password is needed; null when KDE never locks with a password on idle. */
export function kdeLockAfterSeconds(s: KscreenlockerSettings): number | null {
  if (!s.autolock || !(s.timeoutMinutes > 0) || !s.lock || !s.requirePassword) return null;
  // Timeout may be fractional minutes (Double); the fact is whole seconds, so round up, never down.
  return Math.ceil(s.timeoutMinutes * 60) + s.lockGraceSeconds;
}

/** Whether resuming from sleep asks for the password. */
export const kdePasswordOnResume = (s: KscreenlockerSettings): boolean => s.lockOnResume && s.requirePassword;

/** value null: deleted with `[$d]`, which hides what less specific files set. */
type GroupEntries = Map<string, { value: string | null; immutable: boolean }>;

/**
 * The entries of one group of a KConfig file (`[Daemon]`, `Key=Value`, `#` comments). Flags: `[$i]`
 * after a key or the group header makes it immutable (kiosk lockdown: files read later cannot
 * override it), a `[$i]` line before any group locks the whole file, `Key[$d]` deletes the key.
 * Localised keys (`Key[ja]`) and lines KConfig would skip are skipped, as KConfig does.
 */
export function readKdeConfigGroup(text: string, group: string): { entries: GroupEntries; groupImmutable: boolean } {
  const entries: GroupEntries = new Map();
  let inGroup = false;
  let fileImmutable = false;
  let groupImmutable = false;
  let seenGroup = false;
  for (const raw of outputLines(text)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('[')) {
      if (!seenGroup && line === '[$i]') {
        fileImmutable = true;
        continue;
      }
      seenGroup = true;
      const header = /^\[([^\]]*)\]((?:\[\$[a-z]+\])*)$/.exec(line);
      inGroup = header?.[1] === group;
      if (inGroup && header![2]!.includes('[$i]')) groupImmutable = true;
      continue;
    }
    if (!inGroup) continue;
    const entry = /^([^=[\]]+?)\s*((?:\[[^\]]*\])*)\s*=\s*(.*)$/.exec(line);
    if (!entry) continue;
    const [, key, flags, value] = entry as unknown as [string, string, string, string];
    const options = [...flags.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!);
    if (options.some((o) => !o.startsWith('$'))) continue; // a localised value, e.g. Key[ja]
    const immutable = options.some((o) => o.includes('i'));
    entries.set(key, { value: options.some((o) => o.includes('d')) ? null : value, immutable });
  }
  return { entries, groupImmutable: groupImmutable || fileImmutable };
}

/**
 * KConfig's cascade for one group: files from the least to the most specific (/etc/xdg, then
 * ~/.config); a later file overrides an earlier one, except where the earlier one is immutable.
 */
export function cascadeKdeConfig(fileTexts: readonly string[], group: string): Map<string, string> {
  const result = new Map<string, { value: string | null; locked: boolean }>();
  let groupLocked = false;
  for (const text of fileTexts) {
    if (groupLocked) break;
    const { entries, groupImmutable } = readKdeConfigGroup(text, group);
    for (const [key, { value, immutable }] of entries) {
      if (result.get(key)?.locked) continue;
      result.set(key, { value, locked: immutable });
    }
    groupLocked = groupImmutable;
  }
  return new Map([...result].flatMap(([key, { value }]) => (value === null ? [] : [[key, value] as const])));
}

/** The kscreenlocker keys out of a cascaded [Daemon] group. */
export function kscreenlockerEntriesFrom(daemon: ReadonlyMap<string, string>): KscreenlockerEntries {
  const entries: KscreenlockerEntries = {};
  for (const key of KSCREENLOCKER_KEYS) {
    const value = daemon.get(key);
    if (value !== undefined) entries[key] = value;
  }
  return entries;
}
