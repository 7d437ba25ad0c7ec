import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readIsolationInputs, type InputFiles } from '../../../src/node/isolation/inputs';
import { examplePolicyInput, repoRoot } from '../../support/policy';

describe('what the helper reads itself', () => {
  let dir: string;
  let files: InputFiles;
  const settings = { allow: [{ host: 'mgmt.example.go.jp', port: 8443 }], dns: ['192.0.2.53'] };

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-inputs-'));
    files = {
      policyFile: path.join(dir, 'policy.json'),
      lastGoodFile: path.join(dir, 'state', 'policy.last-good.json'),
      defaultFile: path.join(repoRoot, 'policies', 'default-policy.json'),
      settingsFile: path.join(dir, 'isolation.json'),
      requireProtected: process.getuid?.() === 0,
    };
    writeFileSync(files.policyFile, JSON.stringify(examplePolicyInput()), { mode: 0o644 });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('the machine policy’s reporting channels and the isolation settings file', async () => {
    writeFileSync(files.settingsFile, JSON.stringify(settings), { mode: 0o644 });
    const inputs = await readIsolationInputs(files);
    expect(inputs.channels.map((c) => c.type)).toEqual(['https', 'syslog-tls']);
    expect(inputs.settings).toEqual({ ...settings, allow: [{ ...settings.allow[0], protocol: 'tcp' }] });
    expect(inputs.problems).toEqual([]);
  });

  it('no settings file: only the reporting channels, and no problem', async () => {
    const inputs = await readIsolationInputs(files);
    expect(inputs.settings).toEqual({ allow: [], dns: [] });
    expect(inputs.problems).toEqual([]);
  });

  it.skipIf(process.getuid?.() !== 0)('a settings file others can write is not used, and says so', async () => {
    writeFileSync(files.settingsFile, JSON.stringify(settings));
    chmodSync(files.settingsFile, 0o666);
    const inputs = await readIsolationInputs(files);
    expect(inputs.settings).toEqual({ allow: [], dns: [] });
    expect(inputs.problems).toEqual([`${files.settingsFile}: ${files.settingsFile}: mode 666 lets others write`]);
  });

  it('an invalid settings file is not used, and says where', async () => {
    writeFileSync(files.settingsFile, JSON.stringify({ allow: [{ host: '10.0.0.1; flush ruleset' }] }), { mode: 0o644 });
    const inputs = await readIsolationInputs(files);
    expect(inputs.settings).toEqual({ allow: [], dns: [] });
    expect(inputs.problems[0]).toMatch(/^.*isolation\.json: allow\.0\.host: /);
  });
});
