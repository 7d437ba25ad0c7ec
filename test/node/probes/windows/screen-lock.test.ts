import { describe, expect, it } from 'vitest';
import type { BundleRecord } from '../../../../src/node/host/bundle-format';
import { windowsProbes } from '../../../../src/node/probes/windows';
import type { Answer } from './support/bundle';
import { command, fixture, fixtureText, POWERCFG, REG, REG_NOT_FOUND_EN, REG_NOT_FOUND_JA, replay } from './support/bundle';
import { encodeCp932 } from './support/cp932';

const POLICY_KEY = 'HKCU\\Software\\Policies\\Microsoft\\Windows\\Control Panel\\Desktop';
const USER_KEY = 'HKCU\\Control Panel\\Desktop';
const SYSTEM_KEY = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System';
const POWER_POLICY_KEY = 'HKLM\\Software\\Policies\\Microsoft\\Power\\PowerSettings\\0e796bdb-100d-47d6-a2d5-f7d2daa51f51';
const CONSOLELOCK = ['/qh', 'SCHEME_CURRENT', 'SUB_NONE', 'CONSOLELOCK'];
const VIDEOIDLE = ['/q', 'SCHEME_CURRENT', 'SUB_VIDEO', 'VIDEOIDLE'];

/** Constructed in reg.exe's layout (see reg_query_screensaver_policy.SYNTHETIC.txt): the user's own settings. */
const userDesktop = (active: string, secure: string, timeout: string, type = 'REG_SZ') =>
  [
    '',
    'HKEY_CURRENT_USER\\Control Panel\\Desktop',
    '    ActiveWndTrackTimeout    REG_DWORD    0x0',
    `    ScreenSaveActive    ${type}    ${active}`,
    `    ScreenSaverIsSecure    ${type}    ${secure}`,
    `    ScreenSaveTimeOut    ${type}    ${timeout}`,
    '    WallPaper    REG_SZ    C:\\Users\\hanako\\Pictures\\庁舎.jpg',
    '',
  ].join('\r\n');

type Sources = { policy: Answer; user: Answer; system: Answer; powerPolicy: Answer; consoleLock: Answer; videoIdle: Answer };

/** A Japanese PC where the policy sets a secure 900 s screen saver: every answer can be replaced per test. */
function records(over: Partial<Sources> = {}): BundleRecord[] {
  const s: Sources = {
    policy: { stdout: fixture('reg_query_screensaver_policy.SYNTHETIC.txt') },
    user: { stdout: encodeCp932(userDesktop('1', '0', '600')) },
    system: { stdout: fixture('reg_query_inactivitytimeout.SYNTHETIC.txt') },
    powerPolicy: REG_NOT_FOUND_JA,
    consoleLock: { stdout: fixture('powercfg_qh_consolelock.en-US.txt') },
    videoIdle: { stdout: fixture('powercfg_q_videoidle.es-ES.partial.txt') },
    ...over,
  };
  return [
    command(REG, ['query', POLICY_KEY], s.policy),
    command(REG, ['query', USER_KEY], s.user),
    command(REG, ['query', SYSTEM_KEY], s.system),
    command(REG, ['query', POWER_POLICY_KEY], s.powerPolicy),
    command(POWERCFG, CONSOLELOCK, s.consoleLock),
    command(POWERCFG, VIDEOIDLE, s.videoIdle),
  ];
}

const collect = (r: BundleRecord[]) => windowsProbes['screen-lock'].collect(replay(r));
const SESSION = { state: 'unknown', reason: 'not-supported', detail: 'session state comes from the tray app' };
const P = 'HKCU\\Software\\Policies\\Microsoft\\Windows\\Control Panel\\Desktop\\';
const U = 'HKCU\\Control Panel\\Desktop\\';

describe('Windows screen lock, replayed from a bundle', () => {
  it('policy values win over the user’s; every source and control is in the evidence', async () => {
    expect(await collect(records())).toEqual({
      config: {
        state: 'known',
        value: {
          lockAfterSeconds: 900,
          passwordOnResume: true,
          evidence: [
            { source: `${P}ScreenSaveActive`, value: '1' },
            { source: `${P}ScreenSaverIsSecure`, value: '1' },
            { source: `${P}ScreenSaveTimeOut`, value: '900' },
            { source: 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\InactivityTimeoutSecs', value: '0x384' },
            { source: 'power source', value: 'AC assumed: the current power source is not observed' },
            { source: 'powercfg /qh SCHEME_CURRENT SUB_NONE CONSOLELOCK', value: 'AC 1, DC 1' },
            { source: `${POWER_POLICY_KEY}\\ACSettingIndex`, value: 'not set' },
            { source: 'powercfg /q SCHEME_CURRENT SUB_VIDEO VIDEOIDLE', value: 'AC 900 s, DC 0 s' },
            { source: 'screen saver', value: 'locks after 900 s' },
            { source: 'machine inactivity limit (InactivityTimeoutSecs)', value: 'locks after 900 s' },
            { source: 'display off with password on wakeup (AC power)', value: 'locks after 900 s' },
          ],
        },
      },
      session: SESSION,
    });
  });

  it('without a policy, the user’s REG_SZ settings count; the shortest control wins', async () => {
    const facts = await collect(
      records({ policy: REG_NOT_FOUND_EN, user: { stdout: userDesktop('1', '1', '300') }, system: REG_NOT_FOUND_EN }),
    );
    expect(facts.config.state === 'known' && facts.config.value.lockAfterSeconds).toBe(300);
    expect(facts.config.state === 'known' && facts.config.value.evidence.slice(0, 4)).toEqual([
      { source: `${U}ScreenSaveActive`, value: '1' },
      { source: `${U}ScreenSaverIsSecure`, value: '1' },
      { source: `${U}ScreenSaveTimeOut`, value: '300' },
      { source: 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\InactivityTimeoutSecs', value: 'not set' },
    ]);
  });

  it('tolerates REG_DWORD screen-saver values (written by some scripts)', async () => {
    const facts = await collect(records({ policy: REG_NOT_FOUND_JA, user: { stdout: userDesktop('0x1', '0x1', '0x78', 'REG_DWORD') } }));
    expect(facts.config.state === 'known' && facts.config.value.lockAfterSeconds).toBe(120);
  });

  it('nothing locks: null (never locks), and no password on resume when CONSOLELOCK is 0 by policy', async () => {
    const powerPolicy = [
      '',
      `HKEY_LOCAL_MACHINE\\Software\\Policies\\Microsoft\\Power\\PowerSettings\\0e796bdb-100d-47d6-a2d5-f7d2daa51f51`,
      '    ACSettingIndex    REG_DWORD    0x0',
      '    DCSettingIndex    REG_DWORD    0x1',
      '',
    ].join('\r\n');
    const facts = await collect(
      records({ policy: REG_NOT_FOUND_EN, user: { stdout: userDesktop('1', '0', '600') }, system: REG_NOT_FOUND_EN, powerPolicy: { stdout: powerPolicy } }),
    );
    expect(facts.config).toEqual({
      state: 'known',
      value: {
        lockAfterSeconds: null,
        passwordOnResume: false,
        evidence: expect.arrayContaining([
          { source: `${POWER_POLICY_KEY}\\ACSettingIndex`, value: '0x0' },
          { source: `${POWER_POLICY_KEY}\\DCSettingIndex`, value: '0x1' },
          { source: 'screen saver', value: 'does not lock: ScreenSaverIsSecure is not 1' },
          { source: 'machine inactivity limit (InactivityTimeoutSecs)', value: 'does not lock: InactivityTimeoutSecs not set' },
          { source: 'display off with password on wakeup (AC power)', value: 'does not lock: no password on wakeup (CONSOLELOCK AC = 0)' },
        ]),
      },
    });
  });

  it('InactivityTimeoutSecs 0 means off; display never off means no lock from it', async () => {
    const system = '\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\r\n    InactivityTimeoutSecs    REG_DWORD    0x0\r\n\r\n';
    const videoIdle = fixtureText('powercfg_q_videoidle.es-ES.partial.txt').replace('0x00000384', '0x00000000');
    const facts = await collect(records({ policy: REG_NOT_FOUND_EN, system: { stdout: system }, videoIdle: { stdout: videoIdle } }));
    expect(facts.config.state === 'known' && facts.config.value).toMatchObject({ lockAfterSeconds: null, passwordOnResume: true });
    expect(facts.config.state === 'known' && facts.config.value.evidence.slice(-2)).toEqual([
      { source: 'machine inactivity limit (InactivityTimeoutSecs)', value: 'does not lock: InactivityTimeoutSecs is 0 (off)' },
      { source: 'display off with password on wakeup (AC power)', value: 'does not lock: the display never turns off (VIDEOIDLE AC = 0)' },
    ]);
  });

  it('reg.exe denied on the policy key: the policy could override, so nothing locking is unknown, not "never"', async () => {
    const denied = { stderr: encodeCp932('エラー: アクセスが拒否されました。\r\n'), exitCode: 1 };
    const facts = await collect(records({ policy: denied, system: REG_NOT_FOUND_EN, consoleLock: { stdout: fixtureText('powercfg_qh_consolelock.en-US.txt').replace(/0x00000001/g, '0x00000000') } }));
    expect(facts.config).toEqual({
      state: 'unknown',
      reason: 'access-denied',
      detail: `unknown (access-denied: reg query ${POLICY_KEY}: C:\\Windows\\System32\\reg.exe exit 1: エラー: アクセスが拒否されました。)`,
    });
  });

  it('one control unknown but another locks: the delay found is kept (an upper bound) and the unknown is in the evidence', async () => {
    const facts = await collect(records({ videoIdle: { error: 'TIMEOUT' } }));
    expect(facts.config.state === 'known' && facts.config.value.lockAfterSeconds).toBe(900);
    expect(facts.config.state === 'known' && facts.config.value.evidence.at(-1)).toEqual({
      source: 'display off with password on wakeup (AC power)',
      value: 'unknown (command-timeout: C:\\Windows\\System32\\powercfg.exe)',
    });
  });

  it('powercfg: CONSOLELOCK hidden from /query (header only) leaves password-on-resume unknown (null)', async () => {
    const facts = await collect(records({ consoleLock: { stdout: fixture('powercfg_q_noindex_header_only.en-US.txt') } }));
    expect(facts.config.state === 'known' && facts.config.value.passwordOnResume).toBeNull();
    expect(facts.config.state === 'known' && facts.config.value.evidence).toContainEqual({
      source: 'powercfg /qh SCHEME_CURRENT SUB_NONE CONSOLELOCK',
      value: 'unknown (unparseable-output: powercfg /qh SCHEME_CURRENT SUB_NONE CONSOLELOCK: no current AC/DC index in the output (0 found))',
    });
  });

  it('powercfg output about another setting is not read as this one', async () => {
    // The CONSOLELOCK capture offered as VIDEOIDLE's answer: its subgroup and setting GUIDs are foreign.
    const facts = await collect(records({ videoIdle: { stdout: fixture('powercfg_qh_consolelock.en-US.txt') } }));
    expect(facts.config.state === 'known' && facts.config.value.evidence).toContainEqual({
      source: 'powercfg /q SCHEME_CURRENT SUB_VIDEO VIDEOIDLE',
      value:
        'unknown (unparseable-output: powercfg /q SCHEME_CURRENT SUB_VIDEO VIDEOIDLE: output names another power setting or subgroup (fea3413e-7e05-4911-9a71-700331f1c294))',
    });
  });

  it.each<[string, Answer, string]>([
    ['empty output', { stdout: '' }, 'reg query HKCU\\Control Panel\\Desktop: no key in the output'],
    ['garbage', { stdout: '\x00\x01PK\x03\x04 not reg output' }, 'reg query HKCU\\Control Panel\\Desktop: line 1: \x00\x01PK\x03\x04 not reg output'],
    ['a line cut mid-value', { stdout: '\r\nHKEY_CURRENT_USER\\Control Panel\\Desktop\r\n    ScreenSaveActive    REG_S' }, 'reg query HKCU\\Control Panel\\Desktop: line 3:     ScreenSaveActive    REG_S'],
  ])('user key with %s: unknown, never "does not lock"', async (_name, user, detail) => {
    const facts = await collect(records({ policy: REG_NOT_FOUND_EN, user, system: REG_NOT_FOUND_EN, consoleLock: { error: 'ENOENT' } }));
    expect(facts.config).toEqual({
      state: 'unknown',
      reason: 'unparseable-output',
      detail: `unknown (unparseable-output: ${detail}); unknown (command-missing: C:\\Windows\\System32\\powercfg.exe)`,
    });
  });

  it('reg.exe missing and nothing recorded: unknown with the reason, no exception', async () => {
    const facts = await windowsProbes['screen-lock'].collect(replay([command(REG, ['query', POLICY_KEY], { error: 'ENOENT' })]));
    expect(facts.config).toMatchObject({ state: 'unknown', reason: 'command-missing' });
    expect(facts.session).toEqual(SESSION);
  });
});
