import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandOutput, CommandSpec } from '../../../../src/node/host/host';
import { LiveHost } from '../../../../src/node/host/live-host';
import { linuxScreenLockProbe } from '../../../../src/node/probes/linux/screen-lock';
import type { RecordedCommand } from '../../../support/fake-host';
import { FakeHost } from '../../../support/fake-host';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../fixtures/linux', name), 'utf8');

const BUS = 'unix:path=/run/user/1000/bus';
const gsettings = (schema: string, key: string, stdout: string, more: Partial<RecordedCommand> = {}): RecordedCommand => ({
  file: 'gsettings',
  args: ['get', schema, key],
  stdout,
  ...more,
});
const gdbus = (dest: string, path: string, method: string, out: Partial<RecordedCommand>): RecordedCommand => ({
  file: 'gdbus',
  args: ['call', '--session', '--dest', dest, '--object-path', path, '--method', method],
  ...out,
});
const gnomeGetActive = (out: Partial<RecordedCommand>) => gdbus('org.gnome.ScreenSaver', '/org/gnome/ScreenSaver', 'org.gnome.ScreenSaver.GetActive', out);
const freedesktopGetActive = (out: Partial<RecordedCommand>) =>
  gdbus('org.freedesktop.ScreenSaver', '/org/freedesktop/ScreenSaver', 'org.freedesktop.ScreenSaver.GetActive', out);
const mutterIdle = (out: Partial<RecordedCommand>) =>
  gdbus('org.gnome.Mutter.IdleMonitor', '/org/gnome/Mutter/IdleMonitor/Core', 'org.gnome.Mutter.IdleMonitor.GetIdletime', out);
// Constructed: the error gdbus prints when no one owns the name (the shape of GDBus errors).
const serviceUnknown = { exitCode: 1, stderr: 'Error: GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown: The name is not activatable\n' };
const noSuchKey = { exitCode: 1, stderr: fixture('gsettings_get_org.gnome.desktop.screensaver_ubuntu-lock-on-suspend.no-such-key.debian12.stderr.txt') };

/** GNOME with the captured key values; disable-lock-screen is constructed (its default, false). */
const gnomeCommands = (over: RecordedCommand[] = []): RecordedCommand[] => [
  ...over,
  gsettings('org.gnome.desktop.session', 'idle-delay', fixture('gsettings_get_org.gnome.desktop.session_idle-delay.txt')),
  gsettings('org.gnome.desktop.screensaver', 'lock-enabled', fixture('gsettings_get_org.gnome.desktop.screensaver_lock-enabled.txt')),
  gsettings('org.gnome.desktop.screensaver', 'lock-delay', fixture('gsettings_get_org.gnome.desktop.screensaver_lock-delay.SYNTHETIC.txt')),
  gsettings('org.gnome.desktop.lockdown', 'disable-lock-screen', 'false\n'),
  gsettings('org.gnome.desktop.screensaver', 'ubuntu-lock-on-suspend', '', noSuchKey),
  gnomeGetActive({ stdout: fixture('gdbus_org.gnome.ScreenSaver.GetActive.locked.txt') }),
  mutterIdle({ stdout: '(uint64 12345,)\n' }),
];
const gnomeHost = (commands = gnomeCommands(), env: Record<string, string> = {}) =>
  new FakeHost({ env: { DBUS_SESSION_BUS_ADDRESS: BUS, XDG_CURRENT_DESKTOP: 'ubuntu:GNOME', ...env }, commands });

/** A LiveHost that records which commands the probe asked for. */
class RecordingLiveHost extends LiveHost {
  readonly runs: CommandSpec[] = [];
  override run(spec: CommandSpec): Promise<CommandOutput> {
    this.runs.push(spec);
    return super.run(spec);
  }
}

describe('Linux screen-lock probe on this machine', () => {
  const hasSession = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS || process.env.XDG_RUNTIME_DIR);
  it.runIf(!hasSession)('without a session bus: unknown no-desktop-session, and gsettings is never asked', async () => {
    const host = new RecordingLiveHost();
    const facts = await linuxScreenLockProbe.collect(host);
    expect(facts.config).toMatchObject({ state: 'unknown', reason: 'no-desktop-session' });
    expect(facts.session).toMatchObject({ state: 'unknown', reason: 'no-desktop-session' });
    // On this machine `gsettings get org.gnome.desktop.session idle-delay` answers "uint32 300" with no
    // session at all (fixture …idle-delay.no-session-bus.debian12.txt): the schema default, not a setting.
    expect(host.runs).toEqual([]);
  });
});

describe('Linux screen-lock probe, GNOME (captured values)', () => {
  it('locks after idle-delay + lock-delay; resume unknown without the Ubuntu key; every key is evidence', async () => {
    const host = gnomeHost();
    const facts = await linuxScreenLockProbe.collect(host);
    expect(facts.config).toEqual({
      state: 'known',
      value: {
        lockAfterSeconds: 300,
        passwordOnResume: null,
        evidence: [
          { source: 'gsettings org.gnome.desktop.session idle-delay', value: 'uint32 300' },
          { source: 'gsettings org.gnome.desktop.screensaver lock-enabled', value: 'true' },
          { source: 'gsettings org.gnome.desktop.screensaver lock-delay', value: 'uint32 0' },
          { source: 'gsettings org.gnome.desktop.lockdown disable-lock-screen', value: 'false' },
          { source: 'gsettings org.gnome.desktop.screensaver ubuntu-lock-on-suspend', value: 'gsettings exit 1: No such key “ubuntu-lock-on-suspend”' },
        ],
      },
    });
    expect(facts.session).toEqual({ state: 'known', value: { locked: true, idleSeconds: 12.345 } });
    const gsettingsRun = host.runs.find((r) => r.file === 'gsettings');
    expect(gsettingsRun?.env).toEqual({ DBUS_SESSION_BUS_ADDRESS: BUS, GSETTINGS_BACKEND: 'dconf' });
  });

  it('Ubuntu: ubuntu-lock-on-suspend gives passwordOnResume', async () => {
    const facts = await linuxScreenLockProbe.collect(gnomeHost(gnomeCommands([gsettings('org.gnome.desktop.screensaver', 'ubuntu-lock-on-suspend', 'true\n')])));
    expect(facts.config).toMatchObject({ state: 'known', value: { lockAfterSeconds: 300, passwordOnResume: true } });
  });

  it.each([
    ['lock-enabled false', gsettings('org.gnome.desktop.screensaver', 'lock-enabled', 'false\n'), null],
    ['idle-delay 0 (never blank)', gsettings('org.gnome.desktop.session', 'idle-delay', 'uint32 0\n'), null],
    ['lock-delay 30', gsettings('org.gnome.desktop.screensaver', 'lock-delay', 'uint32 30\n'), 330],
  ])('%s', async (_name, override, expected) => {
    const facts = await linuxScreenLockProbe.collect(gnomeHost(gnomeCommands([override])));
    expect(facts.config).toMatchObject({ state: 'known', value: { lockAfterSeconds: expected } });
  });

  it("the administrator's disable-lock-screen stops all locking", async () => {
    const facts = await linuxScreenLockProbe.collect(gnomeHost(gnomeCommands([gsettings('org.gnome.desktop.lockdown', 'disable-lock-screen', 'true\n')])));
    expect(facts.config).toMatchObject({ state: 'known', value: { lockAfterSeconds: null, passwordOnResume: false } });
  });

  it('finds the bus socket in $XDG_RUNTIME_DIR when DBUS_SESSION_BUS_ADDRESS is unset', async () => {
    const host = new FakeHost({
      env: { XDG_RUNTIME_DIR: '/run/user/1000/', XDG_CURRENT_DESKTOP: 'GNOME' },
      dirs: { '/run/user/1000': ['bus', 'pulse'] },
      commands: gnomeCommands(),
    });
    const facts = await linuxScreenLockProbe.collect(host);
    expect(facts.config.state).toBe('known');
    expect(host.runs.every((r) => r.file !== 'gsettings' || r.env?.DBUS_SESSION_BUS_ADDRESS === BUS)).toBe(true);
  });

  it('XDG_RUNTIME_DIR without a bus socket is no session', async () => {
    const host = new FakeHost({ env: { XDG_RUNTIME_DIR: '/run/user/1000', XDG_CURRENT_DESKTOP: 'GNOME' }, dirs: { '/run/user/1000': ['pulse'] }, commands: gnomeCommands() });
    const facts = await linuxScreenLockProbe.collect(host);
    expect(facts.config).toMatchObject({ state: 'unknown', reason: 'no-desktop-session' });
    expect(host.runs).toEqual([]);
  });

  it("gsettings on GIO's memory backend prints defaults: unknown", async () => {
    // Constructed: GLib's warning when it cannot load dconf.
    const memory = { stderr: "(process:1): GLib-GIO-Message: Using the 'memory' GSettings backend.  Your settings will not be saved or shared with other applications.\n" };
    const facts = await linuxScreenLockProbe.collect(gnomeHost(gnomeCommands([gsettings('org.gnome.desktop.session', 'idle-delay', 'uint32 300\n', memory)])));
    expect(facts.config).toMatchObject({ state: 'unknown', reason: 'not-supported' });
  });

  it.each([
    ['garbage', gsettings('org.gnome.desktop.session', 'idle-delay', '300 seconds\n'), 'unparseable-output'],
    ['truncated', gsettings('org.gnome.desktop.session', 'idle-delay', 'uint3'), 'unparseable-output'],
    ['empty', gsettings('org.gnome.desktop.screensaver', 'lock-enabled', ''), 'unparseable-output'],
    ['no schema', gsettings('org.gnome.desktop.screensaver', 'lock-delay', '', { exitCode: 1, stderr: 'No such schema “org.gnome.desktop.screensaver”\n' }), 'command-failed'],
  ])('%s output → unknown %s, never a default', async (_name, override, reason) => {
    const facts = await linuxScreenLockProbe.collect(gnomeHost(gnomeCommands([override])));
    expect(facts.config).toMatchObject({ state: 'unknown', reason });
  });

  it('gsettings not installed → command-missing', async () => {
    const facts = await linuxScreenLockProbe.collect(gnomeHost([]));
    expect(facts.config).toMatchObject({ state: 'unknown', reason: 'command-missing', detail: 'gsettings' });
  });
});

describe('Linux screen-lock probe, KDE', () => {
  const kread = (tool: string, key: string, stdout: string): RecordedCommand => ({
    file: tool,
    args: ['--file', 'kscreenlockerrc', '--group', 'Daemon', '--key', key],
    stdout,
  });
  const kdeEnv = { DBUS_SESSION_BUS_ADDRESS: BUS, XDG_CURRENT_DESKTOP: 'KDE', HOME: '/home/user' };

  it('kreadconfig6: unset keys print an empty line and take the defaults', async () => {
    const set: Record<string, string> = { Timeout: '10' };
    const keys = ['Autolock', 'Timeout', 'Lock', 'LockGrace', 'RequirePassword', 'LockOnResume'];
    const host = new FakeHost({
      env: kdeEnv,
      commands: [...keys.map((k) => kread('kreadconfig6', k, `${set[k] ?? ''}\n`)), freedesktopGetActive({ stdout: '(false,)\n' })],
    });
    const facts = await linuxScreenLockProbe.collect(host);
    expect(facts.config).toMatchObject({ state: 'known', value: { lockAfterSeconds: 10 * 60 + 5, passwordOnResume: true } });
    if (facts.config.state !== 'known') throw new Error('unreachable');
    expect(facts.config.value.evidence[1]).toEqual({ source: 'kreadconfig6 kscreenlockerrc Daemon Timeout', value: '10' });
    expect(facts.config.value.evidence[0]).toEqual({ source: 'kreadconfig6 kscreenlockerrc Daemon Autolock', value: '(not set: KDE default)' });
    expect(facts.session).toEqual({ state: 'known', value: { locked: false, idleSeconds: null } });
  });

  it('without kreadconfig: reads ~/.config/kscreenlockerrc (the sample file)', async () => {
    const host = new FakeHost({ env: kdeEnv, files: { '/home/user/.config/kscreenlockerrc': fixture('kscreenlockerrc.sample.ini') } });
    const facts = await linuxScreenLockProbe.collect(host);
    expect(facts.config).toEqual({
      state: 'known',
      value: {
        lockAfterSeconds: 2 * 60 + 300,
        passwordOnResume: true,
        evidence: [
          { source: '/etc/xdg/kscreenlockerrc', value: '(absent)' },
          { source: '/home/user/.config/kscreenlockerrc', value: 'Autolock=true; Timeout=2; LockGrace=300; LockOnResume=true' },
        ],
      },
    });
    expect(host.runs.map((r) => r.file)).toContain('kreadconfig5'); // tried both tools first
  });

  it('a kiosk-locked system file wins over the user file', async () => {
    const host = new FakeHost({
      env: kdeEnv,
      files: { '/etc/xdg/kscreenlockerrc': '[Daemon][$i]\nAutolock=true\nTimeout=3\n', '/home/user/.config/kscreenlockerrc': '[Daemon]\nAutolock=false\n' },
    });
    expect((await linuxScreenLockProbe.collect(host)).config).toMatchObject({ state: 'known', value: { lockAfterSeconds: 185 } });
  });

  it('an unreadable config file is unknown, not "defaults"', async () => {
    const host = new FakeHost({ env: kdeEnv, files: { '/home/user/.config/kscreenlockerrc': { error: 'EACCES' } } });
    expect((await linuxScreenLockProbe.collect(host)).config).toMatchObject({ state: 'unknown', reason: 'access-denied' });
  });

  it('a garbled value is unknown', async () => {
    const host = new FakeHost({ env: kdeEnv, files: { '/home/user/.config/kscreenlockerrc': '[Daemon]\nTimeout=soon\n' } });
    expect((await linuxScreenLockProbe.collect(host)).config).toMatchObject({ state: 'unknown', reason: 'unparseable-output' });
  });
});

describe('Linux screen-lock probe, other desktops and session state', () => {
  it('an unsupported desktop gives config not-supported; the session comes from loginctl', async () => {
    const host = new FakeHost({
      env: { DBUS_SESSION_BUS_ADDRESS: BUS, XDG_CURRENT_DESKTOP: 'XFCE' },
      commands: [
        gnomeGetActive(serviceUnknown),
        freedesktopGetActive(serviceUnknown),
        { file: 'loginctl', args: ['show-session', 'auto', '-p', 'LockedHint'], stdout: 'LockedHint=yes\n' },
      ],
    });
    const facts = await linuxScreenLockProbe.collect(host);
    expect(facts.config).toMatchObject({ state: 'unknown', reason: 'not-supported' });
    expect(facts.session).toEqual({ state: 'known', value: { locked: true, idleSeconds: null } });
  });

  it('no source of the lock state → unknown with every reason', async () => {
    const host = new FakeHost({
      env: { DBUS_SESSION_BUS_ADDRESS: BUS, XDG_CURRENT_DESKTOP: 'GNOME' },
      commands: [
        gnomeGetActive({ stdout: 'garbage\n' }),
        freedesktopGetActive(serviceUnknown),
        { file: 'loginctl', args: ['show-session', 'auto', '-p', 'LockedHint'], exitCode: 1, stderr: fixture('loginctl_show-session_LockedHint.no-systemd.debian12.stderr.txt') },
      ],
    });
    const facts = await linuxScreenLockProbe.collect(host);
    expect(facts.session).toMatchObject({ state: 'unknown', reason: 'command-failed' });
    if (facts.session.state !== 'unknown') throw new Error('unreachable');
    expect(facts.session.detail).toContain('unparseable-output: gdbus call');
    expect(facts.session.detail).toContain('ServiceUnknown');
    expect(facts.session.detail).toContain('System has not been booted with systemd');
  });
});
