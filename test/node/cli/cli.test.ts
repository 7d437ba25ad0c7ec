import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/policy';

const exec = promisify(execFile);

/** The real `mamori` command, as an administrator's script runs it. */
async function mamori(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [path.join(repoRoot, 'bin/mamori.js'), ...args], { cwd: repoRoot });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('mamori check', () => {
  it('--json prints one object with every check; on this machine nothing is "pass" that could not be seen', async () => {
    const { code, stdout } = await mamori('check', '--json', '--policy', 'policies/example-policy.json');
    const out = JSON.parse(stdout);
    expect(out.checks.map((c: { id: string }) => c.id)).toEqual(['screen-lock', 'software', 'usb', 'wifi']);
    for (const c of out.checks) {
      expect(['pass', 'fail', 'unknown']).toContain(c.status);
      if (c.status === 'unknown') expect(c.reason).toBeTruthy();
    }
    expect(out.policy).toMatchObject({ source: 'file', revision: 3 });
    expect(code).toBe(out.checks.every((c: { status: string }) => c.status === 'pass') ? 0 : 1);
  });

  it('speaks Japanese by default and English on request', async () => {
    const ja = await mamori('check', '--policy', 'policies/example-policy.json');
    expect(ja.stdout).toMatch(/画面ロック: (問題なし|要対応|確認できません)/);
    const en = await mamori('check', '--lang', 'en', '--policy', 'policies/example-policy.json');
    expect(en.stdout).toMatch(/Screen lock: (OK|Action needed|Cannot check)/);
    expect(en.stdout).not.toMatch(/[ぁ-ん]/);
  });

  it('an invalid --policy file is exit 2 with the file and field path', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mamori-cli-'));
    const bad = path.join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ schemaVersion: 1 }));
    const r = await mamori('check', '--policy', bad, '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`Policy file ${bad}, revision:`);
  });

  it('unknown options and commands are usage errors (exit 2), in the requested language', async () => {
    expect((await mamori('check', '--jsonn')).code).toBe(2);
    const r = await mamori('frobnicate', '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown command: frobnicate');
    expect((await mamori('frobnicate')).stderr).toContain('不明なコマンドです');
  });
});

describe('mamori policy and guidance', () => {
  it('validate: 0 for a valid policy, 2 with the field path for an invalid one', async () => {
    expect((await mamori('policy', 'validate', 'policies/example-policy.json')).code).toBe(0);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mamori-cli-'));
    const bad = path.join(dir, 'p.json');
    await writeFile(bad, (await import('node:fs')).readFileSync(path.join(repoRoot, 'policies/example-policy.json'), 'utf8').replace('"0781"', '"78"'));
    const r = await mamori('policy', 'validate', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('usb.approved[0].vendorId: 16進数4桁で書きます');
  });

  it('schema: the committed policies/policy.schema.json is the one the zod schema generates', async () => {
    const { stdout } = await mamori('policy', 'schema');
    const committed = (await import('node:fs')).readFileSync(path.join(repoRoot, 'policies/policy.schema.json'), 'utf8');
    expect(JSON.parse(committed)).toEqual(JSON.parse(stdout));
  });

  it('guidance lists every section and shows one, with its clause', async () => {
    const list = await mamori('guidance');
    expect(list.stdout.trim().split('\n')).toHaveLength(25);
    const one = await mamori('guidance', '4章-3', '--json');
    expect(JSON.parse(one.stdout)).toMatchObject({ id: '4章-3', checks: ['usb'] });
    expect((await mamori('guidance', '9章-9')).code).toBe(2);
  });
});
