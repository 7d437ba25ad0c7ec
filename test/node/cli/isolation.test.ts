import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestHelper, type TestHelper } from '../../support/isolation';
import { repoRoot } from '../../support/policy';

const CODE = 'KAKU-2026';

/** The real `mamori` command, with `input` on its standard input (asynchronous: the helper runs in this process). */
function mamori(args: string[], input = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin/mamori.js'), ...args], { cwd: repoRoot });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('mamori isolation, against the real helper', { timeout: 30_000 }, () => {
  let helper: TestHelper;
  const socket = () => ['--socket', helper.socketPath];

  beforeEach(async () => {
    helper = await startTestHelper({ releaseCode: CODE });
  });
  afterEach(() => helper.stop());

  it('status: exit 0 when not isolated, 1 when isolated (with how to release), and --json for scripts', async () => {
    const free = await mamori(['isolation', 'status', ...socket()]);
    expect(free).toMatchObject({ code: 0, stdout: 'ネットワークは遮断されていません。\n' });
    await helper.isolate();
    const cut = await mamori(['isolation', 'status', ...socket()]);
    expect(cut.code).toBe(1);
    expect(cut.stdout).toBe('このパソコンはネットワークから遮断されています。\nCSIRT から解除コードを伝えられたら、mamori isolation release で解除できます。\n');
    const json = await mamori(['isolation', 'status', '--json', ...socket()]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ helper: 'available', isolated: true, enforced: true, releasableWithCode: true, allowed: ['192.0.2.10 443/tcp'] });
  });

  it('release reads the code from standard input: a wrong one is exit 1, the right one exit 0; the helper audits both', async () => {
    await helper.isolate();
    const wrong = await mamori(['isolation', 'release', ...socket()], 'KAKU-2025\n');
    expect(wrong).toMatchObject({ code: 1, stdout: '', stderr: '解除コードが違います。\n' });
    expect(helper.firewall.applied).not.toBeNull();
    const right = await mamori(['isolation', 'release', '--lang', 'en', ...socket()], `${CODE}\n`);
    expect(right).toMatchObject({ code: 0, stdout: 'Network isolation is lifted.\n' });
    expect(helper.firewall.applied).toBeNull();
    const again = await mamori(['isolation', 'release', '--json', ...socket()], CODE);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toEqual({ result: 'not-isolated' });
    expect(await helper.audit()).toEqual(['isolate:ok:tanaka', 'release:denied:tanaka', 'release:authorized:tanaka', 'release:ok:tanaka', 'release:denied:tanaka']); // the last: not isolated any more
  });

  it('never takes the code from the command line, and sends nothing without one', async () => {
    await helper.isolate();
    const onArgv = await mamori(['isolation', 'release', CODE, ...socket()], `${CODE}\n`);
    expect(onArgv.code).toBe(2);
    expect(onArgv.stderr).toContain('オプションが正しくありません');
    const empty = await mamori(['isolation', 'release', ...socket()], '\n');
    expect(empty).toMatchObject({ code: 2, stderr: '解除コードを標準入力から1行で渡してください（256文字まで。コマンドラインには書かないでください）。\n' });
    const tooLong = await mamori(['isolation', 'release', ...socket()], `${'x'.repeat(257)}\n`);
    expect(tooLong.code).toBe(2);
    expect(await helper.audit(), 'nothing reached the helper').toEqual(['isolate:ok:tanaka']);
    expect(helper.firewall.applied).not.toBeNull();
  });
});

describe('mamori isolation without a helper', () => {
  const missing = ['--socket', path.join(os.tmpdir(), 'mamori-no-helper', 'helper.sock')];

  it('cannot tell or release: exit 2, saying so', async () => {
    const status = await mamori(['isolation', 'status', ...missing]);
    expect(status).toMatchObject({ code: 2, stdout: 'Mamori の遮断機能に接続できないため、遮断の状態を確認できません。\n' });
    const json = JSON.parse((await mamori(['isolation', 'status', '--json', ...missing])).stdout);
    expect(json).toEqual({ helper: 'unavailable', detail: 'absent: ENOENT' });
    const release = await mamori(['isolation', 'release', '--lang', 'en', ...missing], `${CODE}\n`);
    expect(release).toMatchObject({ code: 2, stderr: "Cannot reach Mamori's isolation service. Contact an administrator.\n" });
  });

  it('an unknown subcommand is a usage error', async () => {
    expect((await mamori(['isolation', 'lift'])).code).toBe(2);
    expect((await mamori(['isolation'])).code).toBe(2);
  });
});
