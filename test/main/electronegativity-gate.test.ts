import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/policy';

const work = mkdtempSync(path.join(os.tmpdir(), 'mamori-gate-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs scripts/electronegativity-gate.mjs over `input`. */
function gate(input: string) {
  const result = spawnSync(process.execPath, ['scripts/electronegativity-gate.mjs', '--input', input, '--report-dir', path.join(work, 'reports')], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('npm run test:security (electronegativity gate)', () => {
  it('passes on src/main as it is', () => {
    const { status, output } = gate(path.join(repoRoot, 'src', 'main'));
    expect(output).toContain('gate passed');
    expect(status).toBe(0);
  }, 60_000);

  it('fails, naming the finding, when a window turns off context isolation and web security', () => {
    const bad = path.join(work, 'main-with-a-bad-window');
    cpSync(path.join(repoRoot, 'src', 'main'), bad, { recursive: true });
    writeFileSync(
      path.join(bad, 'windows', 'careless-window.ts'),
      "import { BrowserWindow } from 'electron';\nexport const open = () => new BrowserWindow({ webPreferences: { contextIsolation: false, webSecurity: false } });\n",
    );
    const { status, output } = gate(bad);
    expect(status).toBe(1);
    expect(output).toMatch(/HIGH CONTEXT_ISOLATION_JS_CHECK .*careless-window\.ts:2/);
    expect(output).toMatch(/MEDIUM WEB_SECURITY_JS_CHECK .*careless-window\.ts:2/);
  }, 60_000);
});
