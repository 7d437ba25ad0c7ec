import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrivedIds, startReceivers, type Receivers } from '../../support/receivers';
import { makePki } from '../../support/receivers/pki';
import { examplePolicyInput, repoRoot } from '../../support/policy';

const exec = promisify(execFile);
const NOTE = '不審な添付ファイルを開いてしまいました';

describe('mamori report (real receivers on loopback)', { timeout: 60_000 }, () => {
  let receivers: Receivers;
  let dir: string;
  let policyFile: string;

  beforeAll(async () => {
    receivers = await startReceivers(makePki());
    dir = await mkdtemp(path.join(os.tmpdir(), 'mamori-report-cli-'));
    policyFile = path.join(dir, 'policy.json');
    const policy = examplePolicyInput();
    policy.reporting = { channels: receivers.channels };
    await writeFile(policyFile, JSON.stringify(policy));
  });
  afterAll(() => receivers.close());

  const report = (...args: string[]) =>
    exec(process.execPath, [path.join(repoRoot, 'bin/mamori.js'), 'report', ...args, '--policy', policyFile], {
      env: { ...process.env, MAMORI_STATE_DIR: path.join(dir, 'state'), ...extraEnv },
    }).catch((e) => e as { code: number; stdout: string; stderr: string });
  let extraEnv: Record<string, string> = {};

  it('a suspicious-mail report reaches every channel with the note intact, and says what to do next (4章-4)', async () => {
    const r = await report('suspicious-mail', '--note', NOTE);
    expect(r.stdout).toMatch(/報告を保存しました（報告ID [0-9a-f-]{36}、機密性2情報）/);
    expect(r.stdout).toContain('4章-4');
    const id = /報告ID ([0-9a-f-]{36})/.exec(r.stdout)![1]!;
    const arrived = arrivedIds(receivers);
    expect(arrived.https).toContain(id);
    expect(arrived.syslog).toContain(id);
    expect(arrived.smtp).toContain(id);
    const body = JSON.parse(receivers.https.arrivals.at(-1)!.body.toString('utf8'));
    expect(JSON.stringify(body)).toContain(NOTE);
    expect(r.stdout).toContain('に届きました');
    expect(r.stdout).not.toContain('すぐに電話で連絡してください');
  });

  it('--json, and with the receivers down the report stays queued on disk and the user is told to phone', async () => {
    receivers.https.mode = 'error';
    const r = await report('lost-device', '--note', 'maybe lost', '--json', '--lang', 'en');
    const out = JSON.parse(r.stdout);
    expect(out.persisted.ok).toBe(true);
    expect(out.isolation).toBeNull(); // only infection reports cut the network
    const queued = await readdir(path.join(dir, 'state', 'reports', 'pending'));
    expect(queued).toContain(`${out.report.id}.json`);
    const text = await report('other', '--lang', 'en');
    expect(text.stdout).toContain('has not reached');
    expect(text.stdout).toContain('Phone at once: Ministry of Examples CSIRT 03-0000-9110');
    receivers.https.mode = 'ok';
  });

  it('an infection report is sent first, then cuts the network; without the helper it turns networking off and says to pull the cable', async () => {
    // No NetworkManager on this machine: a stand-in nmcli (the boundary) records what it was asked.
    const bin = path.join(dir, 'bin');
    await mkdir(bin, { recursive: true });
    const calls = path.join(dir, 'nmcli-calls');
    await writeFile(path.join(bin, 'nmcli'), `#!/bin/sh\necho "$@" >> ${calls}\n`, { mode: 0o755 });
    extraEnv = { PATH: `${bin}:${process.env.PATH}` };
    const r = await report('infection', '--note', NOTE, '--json');
    extraEnv = {};
    const out = JSON.parse(r.stdout);
    expect(out.isolation).toMatchObject({ code: 'isolation.network-off-pull-cable', reportChannelCut: true, helper: { kind: 'absent' } });
    expect(await readFile(calls, 'utf8')).toBe('networking off\n');
    // The report went out before the network was cut.
    expect(arrivedIds(receivers).https).toContain(out.report.id);
  });

  it('a report that cannot be saved is printed whole, exit 2, and an infection still cuts the network', async () => {
    const bin = path.join(dir, 'bin-unsaved');
    await mkdir(bin, { recursive: true });
    const calls = path.join(dir, 'nmcli-calls-unsaved');
    await writeFile(path.join(bin, 'nmcli'), `#!/bin/sh\necho "$@" >> ${calls}\n`, { mode: 0o755 });
    // The state folder is a file: the report queue cannot be opened (as with a full or broken disk).
    const blocked = path.join(dir, 'state-is-a-file');
    await writeFile(blocked, '');
    extraEnv = { PATH: `${bin}:${process.env.PATH}`, MAMORI_STATE_DIR: blocked };
    const r = await report('infection', '--note', NOTE);
    extraEnv = {};
    expect('code' in r && r.code).toBe(2);
    expect(r.stderr).toContain('報告を保存できませんでした（persist-failed）');
    expect(JSON.parse(r.stdout.slice(r.stdout.indexOf('{'), r.stdout.lastIndexOf('}') + 1))).toMatchObject({ kind: 'infection', note: NOTE, isolationRequested: true });
    expect(r.stdout).toContain('パソコンの電源は切らず、再起動もしないでください。');
    expect(r.stdout).toContain('すぐに電話で連絡してください: 架空省CSIRT 03-0000-9110');
    expect(await readFile(calls, 'utf8')).toBe('networking off\n');
  });
});
