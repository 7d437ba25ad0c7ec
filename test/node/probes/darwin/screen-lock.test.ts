import { describe, expect, it } from 'vitest';
import type { CommandSpec } from '../../../../src/node/host/host';
import {
  DEFAULTS_SCREEN_SAVER_IDLE_TIME,
  PMSET_SETTINGS,
  screenSaverPreference,
  SYSADMINCTL_SCREEN_LOCK,
} from '../../../../src/node/probes/darwin/commands';
import { darwinProbes } from '../../../../src/node/probes/darwin';
import type { RecordedRun } from './bundle';
import { macFixture, macHost, ran } from './bundle';

type Source = 'sysadminctl' | 'askForPassword' | 'askForPasswordDelay' | 'idleTime' | 'userIdleTime' | 'pmset';

const SPECS: Record<Source, CommandSpec> = {
  sysadminctl: SYSADMINCTL_SCREEN_LOCK,
  askForPassword: screenSaverPreference('askForPassword'),
  askForPasswordDelay: screenSaverPreference('askForPasswordDelay'),
  idleTime: screenSaverPreference('idleTime'),
  userIdleTime: DEFAULTS_SCREEN_SAVER_IDLE_TIME,
  pmset: PMSET_SETTINGS,
};

/**
 * A Mac with nothing managed: no profile value (osascript printing nothing is constructed, see
 * preferences.ts), the user's idleTime never set (real capture), display sleep 10 minutes (real
 * pmset -g), and the real "delay is immediate" status.
 */
const UNMANAGED: Record<Source, RecordedRun> = {
  sysadminctl: { stderr: macFixture('sysadminctl_screenLock_status.immediate.hackzero.stderr.txt') },
  askForPassword: { stdout: '' },
  askForPasswordDelay: { stdout: '' },
  idleTime: { stdout: '' },
  userIdleTime: { exitCode: 1, stderr: macFixture('defaults_currentHost_read_com.apple.screensaver_idleTime.unset.hackzero.stderr.txt') },
  pmset: { stdout: macFixture('pmset_g.x1c6-hackintosh-issue28.txt') },
};

async function screenLock(changes: Partial<Record<Source, RecordedRun>> = {}) {
  const runs = { ...UNMANAGED, ...changes };
  const host = macHost(...(Object.keys(SPECS) as Source[]).map((s) => ran(SPECS[s], runs[s])));
  return darwinProbes['screen-lock'].collect(host);
}

const evidence = (status: string, profile = ['not set', 'not set', 'not set'], user = 'not set', displaySleep = '10') => [
  { source: 'sysadminctl -screenLock status', value: status },
  { source: 'NSUserDefaults com.apple.screensaver askForPassword', value: profile[0] },
  { source: 'NSUserDefaults com.apple.screensaver askForPasswordDelay', value: profile[1] },
  { source: 'NSUserDefaults com.apple.screensaver idleTime', value: profile[2] },
  { source: 'defaults -currentHost read com.apple.screensaver idleTime', value: user },
  { source: 'pmset -g displaysleep (minutes)', value: displaySleep },
];

describe('macOS screen lock: sysadminctl -screenLock status (stderr)', () => {
  it.each([
    ['immediate, with log prefix (real)', 'sysadminctl_screenLock_status.immediate.hackzero.stderr.txt', 600, true, 'screenLock delay is immediate'],
    ['immediate, with log prefix (shared fixture)', 'sysadminctl_screenLock_status.immediate.stderr.txt', 600, true, 'screenLock delay is immediate'],
    ['300 seconds, with log prefix (real)', 'sysadminctl_screenLock_status.delay-300.hackzero.stderr.txt', 900, true, 'screenLock delay is 300 seconds'],
    ['off, with log prefix (real)', 'sysadminctl_screenLock_status.off.hackzero.stderr.txt', null, false, 'screenLock is off'],
    ['off, without prefix', 'sysadminctl_screenLock_status.off.stderr.txt', null, false, 'screenLock is off'],
    ['5 seconds, without prefix (SYNTHETIC)', 'sysadminctl_screenLock_status.delay.stderr.SYNTHETIC.txt', 605, true, 'screenLock delay is 5 seconds'],
  ])('%s', async (_, file, lockAfterSeconds, passwordOnResume, message) => {
    const facts = await screenLock({ sysadminctl: { stderr: macFixture(file) } });
    expect(facts.config).toEqual({ state: 'known', value: { lockAfterSeconds, passwordOnResume, evidence: evidence(message) } });
  });

  it('reads "immediate" without the log prefix (constructed)', async () => {
    const facts = await screenLock({ sysadminctl: { stderr: 'screenLock delay is immediate\n' } });
    expect(facts.config).toMatchObject({ state: 'known', value: { lockAfterSeconds: 600, passwordOnResume: true } });
  });

  it.each([
    ['garbage', 'sysadminctl: unrecognized option -screenLock\n', 'sysadminctl: unrecognized option -screenLock'],
    ['empty', '', '(empty)'],
    ['a truncated line', '2026-09-23 13:27:31.636 sysadminctl[69987:3026189] screenLock delay is\n', '2026-09-23 13:27:31.636 sysadminctl[69987:3026189] screenLock delay is'],
    ['a known shape inside other text', 'note: screenLock is off\n', 'note: screenLock is off'],
  ])('%s is unknown, never a setting', async (_, stderr, first) => {
    const facts = await screenLock({ sysadminctl: { stderr } });
    expect(facts.config).toEqual({
      state: 'unknown',
      reason: 'unparseable-output',
      detail: `/usr/sbin/sysadminctl -screenLock status: no screenLock status: ${first}`,
    });
  });

  it('two different status lines are unknown (constructed)', async () => {
    const facts = await screenLock({ sysadminctl: { stderr: 'screenLock is off\nscreenLock delay is immediate\n' } });
    expect(facts.config).toMatchObject({ state: 'unknown', reason: 'unparseable-output' });
  });

  it.each([
    ['ENOENT', 'command-missing'],
    ['TIMEOUT', 'command-timeout'],
    ['EACCES', 'access-denied'],
  ])('%s is unknown (%s)', async (error, reason) => {
    const facts = await screenLock({ sysadminctl: { error } });
    expect(facts.config).toEqual({ state: 'unknown', reason, detail: '/usr/sbin/sysadminctl' });
  });
});

describe('macOS screen lock: profile, screen saver and display sleep', () => {
  it('profile values win over sysadminctl and the user idle time (osascript outputs constructed)', async () => {
    const facts = await screenLock({
      sysadminctl: { stderr: macFixture('sysadminctl_screenLock_status.off.hackzero.stderr.txt') },
      askForPassword: { stdout: 'true\n' },
      askForPasswordDelay: { stdout: '5\n' },
      idleTime: { stdout: '300\n' },
      userIdleTime: { stdout: '1200\n' },
    });
    expect(facts.config).toEqual({
      state: 'known',
      value: { lockAfterSeconds: 305, passwordOnResume: true, evidence: evidence('screenLock is off', ['true', '5', '300'], '1200') },
    });
  });

  it('a profile that turns the password off leaves no lock', async () => {
    const facts = await screenLock({ askForPassword: { stdout: '0\n' } });
    expect(facts.config).toMatchObject({ state: 'known', value: { lockAfterSeconds: null, passwordOnResume: false } });
  });

  it('"undefined" from osascript means not set, like nothing at all (constructed)', async () => {
    const facts = await screenLock({ askForPassword: { stdout: 'undefined\n' }, idleTime: { stdout: 'undefined\n' } });
    expect(facts.config).toMatchObject({ state: 'known', value: { lockAfterSeconds: 600, passwordOnResume: true } });
  });

  it('the user screen saver time counts when it comes before display sleep', async () => {
    const facts = await screenLock({ userIdleTime: { stdout: '120\n' } });
    expect(facts.config).toMatchObject({ state: 'known', value: { lockAfterSeconds: 120 } });
  });

  it('a screen saver set to never (0) leaves display sleep', async () => {
    const facts = await screenLock({ userIdleTime: { stdout: '0\n' } });
    expect(facts.config).toMatchObject({ state: 'known', value: { lockAfterSeconds: 600 } });
  });

  it('reads displaysleep next to a "sleep prevented by" note (real pmset -g)', async () => {
    const facts = await screenLock({ pmset: { stdout: macFixture('pmset_g.sleep-prevented-z490-issue31.txt') } });
    expect(facts.config).toMatchObject({ state: 'known', value: { lockAfterSeconds: 1200 } });
  });

  it('display never sleeping and no screen saver time: the screen never locks (constructed from the real pmset -g)', async () => {
    const neverSleeps = macFixture('pmset_g.x1c6-hackintosh-issue28.txt').replace(' displaysleep         10\n', ' displaysleep         0\n');
    const facts = await screenLock({ pmset: { stdout: neverSleeps } });
    expect(facts.config).toEqual({
      state: 'known',
      value: { lockAfterSeconds: null, passwordOnResume: true, evidence: evidence('screenLock delay is immediate', undefined, undefined, '0') },
    });
  });

  it('pmset without displaysleep is unknown', async () => {
    const facts = await screenLock({ pmset: { stdout: 'System-wide power settings:\nCurrently in use:\n sleep                1\n' } });
    expect(facts.config).toEqual({
      state: 'unknown',
      reason: 'unparseable-output',
      detail: '/usr/bin/pmset -g: no displaysleep in the settings in use: System-wide power settings:',
    });
  });

  it('a displaysleep outside "Currently in use" does not count', async () => {
    const facts = await screenLock({ pmset: { stdout: 'Battery Power:\n displaysleep         2\n' } });
    expect(facts.config).toMatchObject({ state: 'unknown', reason: 'unparseable-output' });
  });

  it('an osascript value that is neither a number nor "not set" is unknown', async () => {
    const facts = await screenLock({ idleTime: { stdout: 'twenty minutes\n' } });
    expect(facts.config).toEqual({
      state: 'unknown',
      reason: 'unparseable-output',
      detail:
        "/usr/bin/osascript -l JavaScript -e $.NSUserDefaults.alloc.initWithSuiteName('com.apple.screensaver').objectForKey('idleTime').js: not a value of this preference: twenty minutes",
    });
  });

  it('osascript failing is unknown with its message', async () => {
    const facts = await screenLock({ askForPassword: { exitCode: 1, stderr: 'execution error: Error: ReferenceError (-2700)\n' } });
    expect(facts.config).toEqual({
      state: 'unknown',
      reason: 'command-failed',
      detail: '/usr/bin/osascript exit 1: execution error: Error: ReferenceError (-2700)',
    });
  });

  it('defaults failing for another reason than "does not exist" is unknown', async () => {
    const facts = await screenLock({ userIdleTime: { exitCode: 1, stderr: 'defaults: something else\n' } });
    expect(facts.config).toMatchObject({ state: 'unknown', reason: 'unparseable-output' });
  });

  it('pmset timing out is unknown', async () => {
    const facts = await screenLock({ pmset: { error: 'TIMEOUT' } });
    expect(facts.config).toEqual({ state: 'unknown', reason: 'command-timeout', detail: '/usr/bin/pmset' });
  });

  it('a command missing from the bundle is unknown, not a default', async () => {
    const facts = await darwinProbes['screen-lock'].collect(macHost());
    expect(facts.config).toMatchObject({ state: 'unknown', reason: 'command-failed' });
  });

  it('session state is left to the tray app', async () => {
    const facts = await screenLock();
    expect(facts.session).toEqual({ state: 'unknown', reason: 'not-supported', detail: 'session state comes from the tray app' });
  });
});
