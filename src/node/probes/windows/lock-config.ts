import type { ScreenLockConfig } from '../../../shared/facts';
import type { Observed, Unknown } from '../../../shared/observed';
import { known, unknown } from '../../../shared/observed';
import type { RegRead } from './reg';
import { valuesOf } from './reg';
import type { PowerSettingIndexes } from './parse/powercfg';
import type { RegValue } from './parse/reg-query';
import { regNumber } from './parse/reg-query';

/** Where each lock setting lives (platform-notes §1.2). */
export const KEYS = {
  desktopPolicy: 'HKCU\\Software\\Policies\\Microsoft\\Windows\\Control Panel\\Desktop',
  desktopUser: 'HKCU\\Control Panel\\Desktop',
  systemPolicy: 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System',
  consoleLockPolicy: 'HKLM\\Software\\Policies\\Microsoft\\Power\\PowerSettings\\0e796bdb-100d-47d6-a2d5-f7d2daa51f51',
} as const;

/** Everything the Windows screen-lock probe read, each source as it came back. */
export interface LockSources {
  desktopPolicy: RegRead;
  desktopUser: RegRead;
  systemPolicy: RegRead;
  consoleLockPolicy: RegRead;
  /** powercfg /qh SCHEME_CURRENT SUB_NONE CONSOLELOCK */
  consoleLock: Observed<PowerSettingIndexes>;
  /** powercfg /q SCHEME_CURRENT SUB_VIDEO VIDEOIDLE (seconds) */
  videoIdle: Observed<PowerSettingIndexes>;
}

/** One control that can lock the PC: after how long, or why it does not, or why we cannot tell. */
type Control = { locks: number } | { locksNot: string } | { unknown: Unknown };
type Evidence = ScreenLockConfig['evidence'][number];

const unknownText = (why: Unknown) => `unknown (${why.reason}${why.detail ? `: ${why.detail}` : ''})`.slice(0, 500);
const readWhy = (r: RegRead): Unknown | null => (r.ok ? null : r.why);

/**
 * The effective configuration: the shortest delay among the controls that lock with a password
 * (screen saver when active and secure; machine inactivity limit above 0; display-off while a
 * password is required on wakeup). Each control and each raw value goes into the evidence.
 * A control we could not read never counts as "does not lock": with none locking and one unknown,
 * the whole configuration is unknown. With one locking and another unknown, the delay found is an
 * upper bound (the unknown control could only lock sooner), so a pass stays sound.
 */
export function lockConfigFrom(sources: LockSources): Observed<ScreenLockConfig> {
  const evidence: Evidence[] = [];
  const controls: [string, Control][] = [
    ['screen saver', screenSaver(sources, evidence)],
    ['machine inactivity limit (InactivityTimeoutSecs)', inactivityLimit(sources, evidence)],
  ];
  const { control: displayOff, passwordOnResume } = displayOffLock(sources, evidence);
  controls.push(['display off with password on wakeup (AC power)', displayOff]);

  for (const [name, c] of controls) {
    evidence.push({ source: name, value: 'locks' in c ? `locks after ${c.locks} s` : 'locksNot' in c ? `does not lock: ${c.locksNot}` : unknownText(c.unknown) });
  }
  const delays = controls.flatMap(([, c]) => ('locks' in c ? [c.locks] : []));
  const unknowns = controls.flatMap(([, c]) => ('unknown' in c ? [c.unknown] : []));
  if (delays.length === 0 && unknowns.length > 0) {
    return unknown(unknowns[0]!.reason, unknowns.map((u) => unknownText(u)).join('; '));
  }
  // Registry data is whatever was written there: keep each entry within the schema's limits.
  const bounded = evidence.map((e) => ({ source: e.source.slice(0, 200), value: e.value.slice(0, 500) }));
  return known({ lockAfterSeconds: delays.length > 0 ? Math.min(...delays) : null, passwordOnResume, evidence: bounded });
}

/** A user-policy value wins over the user's own; a policy key we could not read leaves the value unknown. */
function desktopValue(sources: LockSources, name: string, evidence: Evidence[]): { value: RegValue | undefined } | { unknown: Unknown } {
  const policyWhy = readWhy(sources.desktopPolicy);
  const fromPolicy = sources.desktopPolicy.ok ? valuesOf(sources.desktopPolicy.keys, KEYS.desktopPolicy).get(name.toUpperCase()) : undefined;
  if (fromPolicy) {
    evidence.push({ source: `${KEYS.desktopPolicy}\\${name}`, value: fromPolicy.data });
    return { value: fromPolicy };
  }
  if (policyWhy) {
    evidence.push({ source: `${KEYS.desktopPolicy}\\${name}`, value: unknownText(policyWhy) });
    return { unknown: policyWhy };
  }
  if (!sources.desktopUser.ok) {
    evidence.push({ source: `${KEYS.desktopUser}\\${name}`, value: unknownText(sources.desktopUser.why) });
    return { unknown: sources.desktopUser.why };
  }
  const fromUser = valuesOf(sources.desktopUser.keys, KEYS.desktopUser).get(name.toUpperCase());
  evidence.push({ source: `${KEYS.desktopUser}\\${name}`, value: fromUser?.data ?? 'not set' });
  return { value: fromUser };
}

function screenSaver(sources: LockSources, evidence: Evidence[]): Control {
  const numbers: Record<string, number | null> = {};
  for (const name of ['ScreenSaveActive', 'ScreenSaverIsSecure', 'ScreenSaveTimeOut']) {
    const read = desktopValue(sources, name, evidence);
    if ('unknown' in read) return read;
    numbers[name] = regNumber(read.value);
    if (read.value !== undefined && numbers[name] === null) return { unknown: unknown('unparseable-output', `${name} = ${read.value.type} "${read.value.data}"`) };
  }
  const { ScreenSaveActive: active, ScreenSaverIsSecure: secure, ScreenSaveTimeOut: timeout } = numbers;
  // Absent ScreenSaveActive / ScreenSaverIsSecure mean off: Windows enables neither by default.
  if (active !== 1) return { locksNot: 'ScreenSaveActive is not 1' };
  if (secure !== 1) return { locksNot: 'ScreenSaverIsSecure is not 1' };
  if (timeout === null || timeout === undefined) {
    return { unknown: unknown('unparseable-output', 'ScreenSaveTimeOut not set while the screen saver is active and secure') };
  }
  if (timeout === 0) return { locksNot: 'ScreenSaveTimeOut is 0' };
  return { locks: timeout };
}

function inactivityLimit(sources: LockSources, evidence: Evidence[]): Control {
  const source = `${KEYS.systemPolicy}\\InactivityTimeoutSecs`;
  if (!sources.systemPolicy.ok) {
    evidence.push({ source, value: unknownText(sources.systemPolicy.why) });
    return { unknown: sources.systemPolicy.why };
  }
  const value = valuesOf(sources.systemPolicy.keys, KEYS.systemPolicy).get('INACTIVITYTIMEOUTSECS');
  evidence.push({ source, value: value?.data ?? 'not set' });
  if (value === undefined) return { locksNot: 'InactivityTimeoutSecs not set' };
  const seconds = regNumber(value);
  if (seconds === null) return { unknown: unknown('unparseable-output', `InactivityTimeoutSecs = ${value.type} "${value.data}"`) };
  return seconds > 0 ? { locks: seconds } : { locksNot: 'InactivityTimeoutSecs is 0 (off)' };
}

/**
 * "Require a password on wakeup" (CONSOLELOCK), from the power policy if one is set, else from the
 * active scheme. The AC value is used: the probe cannot see whether the PC runs on battery now, and
 * says so in the evidence, where the DC values are listed too.
 */
function displayOffLock(sources: LockSources, evidence: Evidence[]): { control: Control; passwordOnResume: boolean | null } {
  evidence.push({ source: 'power source', value: 'AC assumed: the current power source is not observed' });
  const consoleLock = consoleLockAc(sources, evidence);
  const passwordOnResume = typeof consoleLock === 'number' && (consoleLock === 0 || consoleLock === 1) ? consoleLock === 1 : null;

  const videoSource = 'powercfg /q SCHEME_CURRENT SUB_VIDEO VIDEOIDLE';
  const video = sources.videoIdle;
  evidence.push({ source: videoSource, value: video.state === 'known' ? `AC ${video.value.ac} s, DC ${video.value.dc} s` : unknownText(video) });

  if (typeof consoleLock !== 'number') return { control: { unknown: consoleLock }, passwordOnResume };
  if (consoleLock === 0) return { control: { locksNot: 'no password on wakeup (CONSOLELOCK AC = 0)' }, passwordOnResume };
  if (consoleLock !== 1) return { control: { unknown: unknown('unparseable-output', `CONSOLELOCK AC = ${consoleLock}`) }, passwordOnResume };
  if (video.state === 'unknown') return { control: { unknown: video }, passwordOnResume };
  if (video.value.ac === 0) return { control: { locksNot: 'the display never turns off (VIDEOIDLE AC = 0)' }, passwordOnResume };
  return { control: { locks: video.value.ac }, passwordOnResume };
}

/** The AC CONSOLELOCK index, policy first, or why it is unknown. */
function consoleLockAc(sources: LockSources, evidence: Evidence[]): number | Unknown {
  const policy = sources.consoleLockPolicy;
  const policySource = `${KEYS.consoleLockPolicy}\\ACSettingIndex`;
  const powercfgSource = 'powercfg /qh SCHEME_CURRENT SUB_NONE CONSOLELOCK';
  const fromPowercfg = sources.consoleLock;
  evidence.push({
    source: powercfgSource,
    value: fromPowercfg.state === 'known' ? `AC ${fromPowercfg.value.ac}, DC ${fromPowercfg.value.dc}` : unknownText(fromPowercfg),
  });
  if (!policy.ok) {
    evidence.push({ source: policySource, value: unknownText(policy.why) });
    return policy.why;
  }
  const values = valuesOf(policy.keys, KEYS.consoleLockPolicy);
  const ac = values.get('ACSETTINGINDEX');
  const dc = values.get('DCSETTINGINDEX');
  evidence.push({ source: policySource, value: ac?.data ?? 'not set' });
  if (dc !== undefined) evidence.push({ source: `${KEYS.consoleLockPolicy}\\DCSettingIndex`, value: dc.data });
  if (ac !== undefined) return regNumber(ac) ?? unknown('unparseable-output', `ACSettingIndex = ${ac.type} "${ac.data}"`);
  return fromPowercfg.state === 'known' ? fromPowercfg.value.ac : fromPowercfg;
}
