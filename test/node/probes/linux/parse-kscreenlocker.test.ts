import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  KSCREENLOCKER_DEFAULTS,
  cascadeKdeConfig,
  kdeLockAfterSeconds,
  kdePasswordOnResume,
  kscreenlockerEntriesFrom,
  kscreenlockerSettings,
} from '../../../../src/node/probes/linux/parse/kscreenlocker';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../fixtures/linux', name), 'utf8');
const settingsOf = (...files: string[]) => kscreenlockerSettings(kscreenlockerEntriesFrom(cascadeKdeConfig(files, 'Daemon')));

describe('kscreenlockerrc', () => {
  it('reads the sample file: Timeout minutes and LockGrace seconds', () => {
    const s = settingsOf(fixture('kscreenlockerrc.sample.ini'));
    expect(s).toEqual({ autolock: true, timeoutMinutes: 2, lock: true, lockGraceSeconds: 300, requirePassword: true, lockOnResume: true });
    expect(kdeLockAfterSeconds(s!)).toBe(2 * 60 + 300);
    expect(kdePasswordOnResume(s!)).toBe(true);
  });

  it('the same file with CRLF line endings reads the same', () => {
    expect(settingsOf(fixture('kscreenlockerrc.sample.ini').replace(/\n/g, '\r\n'))).toEqual(settingsOf(fixture('kscreenlockerrc.sample.ini')));
  });

  it('no file at all means KDE defaults: locks after 5 min + 5 s grace', () => {
    expect(settingsOf()).toEqual(KSCREENLOCKER_DEFAULTS);
    expect(kdeLockAfterSeconds(KSCREENLOCKER_DEFAULTS)).toBe(305);
  });

  it('keys of other groups do not count', () => {
    expect(settingsOf('[Greeter]\nTimeout=60\n[Daemon][Nested]\nAutolock=false\n')).toEqual(KSCREENLOCKER_DEFAULTS);
  });

  it('never locks when Autolock=false, Timeout=0, Lock=false or RequirePassword=false', () => {
    for (const line of ['Autolock=false', 'Timeout=0', 'Lock=false', 'RequirePassword=false']) {
      expect(kdeLockAfterSeconds(settingsOf(`[Daemon]\n${line}\n`)!), line).toBeNull();
    }
  });

  it('RequirePassword=false or LockOnResume=false: resume does not ask for the password', () => {
    expect(kdePasswordOnResume(settingsOf('[Daemon]\nRequirePassword=false\n')!)).toBe(false);
    expect(kdePasswordOnResume(settingsOf('[Daemon]\nLockOnResume=false\n')!)).toBe(false);
  });

  it('fractional Plasma 6 timeouts round up to whole seconds', () => {
    expect(kdeLockAfterSeconds(settingsOf('[Daemon]\nTimeout=0.51\nLockGrace=0\n')!)).toBe(31);
  });

  it('a value KDE would reject makes the settings unreadable, never a default', () => {
    expect(settingsOf('[Daemon]\nAutolock=maybe\n')).toBeNull();
    expect(settingsOf('[Daemon]\nTimeout=five\n')).toBeNull();
    expect(settingsOf('[Daemon]\nLockGrace=-1\n')).toBeNull();
  });

  it('garbage and truncated files do not throw and yield defaults for what they do not set', () => {
    expect(settingsOf('\u0000\u0001garbage\n[Daemon\nTimeout')).toEqual(KSCREENLOCKER_DEFAULTS);
    expect(settingsOf('[Daemon]\nTimeout=1')).toEqual({ ...KSCREENLOCKER_DEFAULTS, timeoutMinutes: 1 });
  });

  it('cascade: the user file overrides /etc/xdg, except a kiosk-locked [$i] entry or group', () => {
    const system = '[Daemon]\nTimeout=10\n';
    const user = '[Daemon]\nTimeout=60\n';
    expect(settingsOf(system, user)?.timeoutMinutes).toBe(60);
    expect(settingsOf('[Daemon]\nTimeout[$i]=10\n', user)?.timeoutMinutes).toBe(10);
    expect(settingsOf('[Daemon][$i]\nTimeout=10\n', '[Daemon]\nTimeout=60\nAutolock=false\n')).toEqual({ ...KSCREENLOCKER_DEFAULTS, timeoutMinutes: 10 });
    expect(settingsOf('[$i]\n[Daemon]\nAutolock=true\n', '[Daemon]\nAutolock=false\n')?.autolock).toBe(true);
  });

  it('skips localised keys and honours [$d] deletion', () => {
    expect(settingsOf('[Daemon]\nTimeout[ja]=99\n')?.timeoutMinutes).toBe(5);
    expect(settingsOf('[Daemon]\nTimeout=10\n', '[Daemon]\nTimeout[$d]=\n')?.timeoutMinutes).toBe(5);
  });
});
