import { describe, expect, it } from 'vitest';
import type { BundleRecord } from '../../../../src/node/host/bundle-format';
import { windowsProbes } from '../../../../src/node/probes/windows';
import type { Answer } from './support/bundle';
import { command, fixture, fixtureText, REG, REG_NOT_FOUND_EN, REG_NOT_FOUND_JA, replay, TASKLIST } from './support/bundle';
import { encodeCp932 } from './support/cp932';

const HKLM = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall';
const WOW64 = 'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall';
const HKCU = 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall';

type Sources = { hklm: Answer; wow64: Answer; hkcu: Answer; tasklist: Answer };

function records(over: Partial<Sources> = {}): BundleRecord[] {
  const s: Sources = {
    hklm: { stdout: fixture('reg_query_uninstall_s.txt') },
    wow64: REG_NOT_FOUND_EN,
    hkcu: REG_NOT_FOUND_EN,
    tasklist: { stdout: fixture('tasklist_fo_csv_nh.txt') },
    ...over,
  };
  return [
    command(REG, ['query', HKLM, '/s'], s.hklm),
    command(REG, ['query', WOW64, '/s'], s.wow64),
    command(REG, ['query', HKCU, '/s'], s.hkcu),
    command(TASKLIST, ['/fo', 'csv', '/nh'], s.tasklist),
  ];
}

const collect = (r: BundleRecord[]) => windowsProbes.software.collect(replay(r));

const TASKLIST_PROCESSES = [
  { pid: 0, name: 'System Idle Process', path: null },
  { pid: 4, name: 'System', path: null },
  { pid: 14004, name: 'Claude Helper.exe', path: null },
  { pid: 76844, name: 'node.exe', path: null },
];

/** What the constructed Japanese fixture lists (the Options subkey, SystemComponent 1 and the nameless entry left out). */
const JAPANESE_INSTALLED = [
  { name: '秀丸エディタ', version: '9.25', publisher: '有限会社サイトー企画', identifier: 'Hidemaru', source: 'registry-hklm' },
  { name: '一太郎2024', version: '34.0.1', publisher: '株式会社ジャストシステム', identifier: '{5A4C7E10-0000-4000-8000-000000000001}', source: 'registry-hklm' },
];

describe('Windows software, replayed from a bundle', () => {
  it('lists Uninstall entries with a DisplayName and without SystemComponent 1, and the running processes', async () => {
    expect(await collect(records())).toEqual({
      installed: {
        state: 'known',
        value: [
          { name: '오래된 게임런처', version: '2.1.0', publisher: 'Example Corp', identifier: '{A1B2}', source: 'registry-hklm' },
          { name: 'Example App', version: '2.3.4', publisher: null, identifier: 'Example', source: 'registry-hklm' },
        ],
      },
      running: { state: 'known', value: TASKLIST_PROCESSES },
    });
  });

  it('decodes Japanese names that reg.exe wrote in CP932 (the console code page of Japanese Windows)', async () => {
    // The constructed UTF-8 fixture, encoded here to the bytes a Japanese console writes.
    const cp932 = encodeCp932(fixtureText('reg_query_uninstall_s.ja-JP.constructed.txt'));
    const hkcu = encodeCp932('\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\桐\r\n    DisplayName    REG_SZ    桐10s\r\n    DisplayVersion    REG_SZ    10.5\r\n\r\n');
    const facts = await collect(records({ hklm: { stdout: cp932 }, wow64: REG_NOT_FOUND_JA, hkcu: { stdout: hkcu } }));
    expect(facts.installed).toEqual({
      state: 'known',
      value: [...JAPANESE_INSTALLED, { name: '桐10s', version: '10.5', publisher: null, identifier: '桐', source: 'registry-hkcu' }],
    });
  });

  it('reads the same names after chcp 65001 (UTF-8 console)', async () => {
    const facts = await collect(records({ hklm: { stdout: fixture('reg_query_uninstall_s.ja-JP.constructed.txt') } }));
    expect(facts.installed).toEqual({ state: 'known', value: JAPANESE_INSTALLED });
  });

  it('WOW6432Node entries are tagged registry-hklm-wow64', async () => {
    const wow = fixtureText('reg_query_uninstall_s.txt').replaceAll('\\SOFTWARE\\Microsoft\\', '\\SOFTWARE\\WOW6432Node\\Microsoft\\');
    const facts = await collect(records({ hklm: REG_NOT_FOUND_EN, wow64: { stdout: wow } }));
    expect(facts.installed.state === 'known' && facts.installed.value.map((s) => [s.identifier, s.source])).toEqual([
      ['{A1B2}', 'registry-hklm-wow64'],
      ['Example', 'registry-hklm-wow64'],
    ]);
  });

  it('one unreadable Uninstall key makes the inventory unknown: a partial list would hide what it holds', async () => {
    const denied = { stderr: 'ERROR: Access is denied.\r\n', exitCode: 1 };
    expect((await collect(records({ wow64: denied }))).installed).toEqual({
      state: 'unknown',
      reason: 'access-denied',
      detail: `reg query ${WOW64}: C:\\Windows\\System32\\reg.exe exit 1: ERROR: Access is denied.`,
    });
  });

  it('reg.exe timing out on /s is unknown (command-timeout)', async () => {
    expect((await collect(records({ hklm: { error: 'TIMEOUT' } }))).installed).toEqual({
      state: 'unknown',
      reason: 'command-timeout',
      detail: `reg query ${HKLM}: C:\\Windows\\System32\\reg.exe`,
    });
  });

  it('a not-found message in another language is a failure, never "no software"', async () => {
    const german = { stderr: 'FEHLER: Der angegebene Registrierungsschlüssel bzw. Wert wurde nicht gefunden.\r\n', exitCode: 1 };
    expect((await collect(records({ hkcu: german }))).installed).toMatchObject({ state: 'unknown', reason: 'command-failed' });
  });

  it('tasklist: quoted fields with commas and quotes are read as CSV', async () => {
    const csv = '"a ""quoted"", name.exe","42","Console","1","1,024 K"\r\n';
    expect((await collect(records({ tasklist: { stdout: csv } }))).running).toEqual({
      state: 'known',
      value: [{ pid: 42, name: 'a "quoted", name.exe', path: null }],
    });
  });

  it.each<[string, Answer, object]>([
    ['missing', { error: 'ENOENT' }, { state: 'unknown', reason: 'command-missing', detail: 'C:\\Windows\\System32\\tasklist.exe' }],
    ['timing out', { error: 'TIMEOUT' }, { state: 'unknown', reason: 'command-timeout', detail: 'C:\\Windows\\System32\\tasklist.exe' }],
    ['empty', { stdout: '' }, { state: 'unknown', reason: 'unparseable-output', detail: 'tasklist printed no processes' }],
    [
      'cut inside a row',
      { stdout: fixtureText('tasklist_fo_csv_nh.txt').slice(0, 80) },
      { state: 'unknown', reason: 'unparseable-output', detail: 'tasklist line 2: "System","4","Services","0","21,' },
    ],
    [
      'in table format',
      { stdout: 'Image Name   PID Session Name  Session#  Mem Usage\r\n=========== === ============ ========= =========\r\n' },
      { state: 'unknown', reason: 'unparseable-output', detail: 'tasklist line 1: Image Name   PID Session Name  Session#  Mem Usage' },
    ],
  ])('tasklist %s: running is unknown with the reason', async (_name, tasklist, expected) => {
    expect((await collect(records({ tasklist }))).running).toEqual(expected);
  });
});
