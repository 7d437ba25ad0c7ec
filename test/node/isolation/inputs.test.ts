import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readIsolationInputs, type InputFiles } from '../../../src/node/isolation/inputs';
import { verifyReleaseCode } from '../../../src/node/isolation/release-code';
import type { PolicyInput } from '../../../src/shared/policy/schema';
import { examplePolicyInput, repoRoot } from '../../support/policy';

describe('what the helper reads itself', () => {
  let dir: string;
  let files: InputFiles;
  const settings = { allow: [{ host: 'mgmt.example.go.jp', port: 8443 }], dns: ['192.0.2.53'] };
  /** The example policy with `reporting.isolation` replaced (or removed, with undefined). */
  const writePolicy = (isolation: unknown, mode = 0o644) => {
    const policy = examplePolicyInput();
    const reporting: PolicyInput['reporting'] = { channels: policy.reporting.channels };
    if (isolation !== undefined) (reporting as { isolation?: unknown }).isolation = isolation;
    policy.reporting = reporting;
    writeFileSync(files.policyFile, JSON.stringify(policy), { mode });
    chmodSync(files.policyFile, mode);
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-inputs-'));
    files = {
      policyFile: path.join(dir, 'policy.json'),
      lastGoodFile: path.join(dir, 'state', 'policy.last-good.json'),
      defaultFile: path.join(repoRoot, 'policies', 'default-policy.json'),
      requireProtected: process.getuid?.() === 0,
    };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('the machine policy’s reporting channels and its reporting.isolation', async () => {
    writePolicy(settings);
    const inputs = await readIsolationInputs(files);
    expect(inputs.channels.map((c) => c.type)).toEqual(['https', 'syslog-tls']);
    expect(inputs.settings).toEqual({ ...settings, allow: [{ ...settings.allow[0], protocol: 'tcp' }] });
    expect(inputs.problems).toEqual([]);
    expect(inputs.source).toBe(`${files.policyFile} (file, revision ${examplePolicyInput().revision})`);
  });

  it('no reporting.isolation: only the reporting channels, no release code, and no problem', async () => {
    writePolicy(undefined);
    const inputs = await readIsolationInputs(files);
    expect(inputs.channels.map((c) => c.type)).toEqual(['https', 'syslog-tls']);
    expect(inputs.settings).toEqual({ allow: [], dns: [] });
    expect(inputs.settings.releaseCodeHash).toBeUndefined();
    expect(inputs.problems).toEqual([]);
  });

  it('the shipped example policy’s isolation settings are read as written', async () => {
    writeFileSync(files.policyFile, JSON.stringify(examplePolicyInput()), { mode: 0o644 });
    const inputs = await readIsolationInputs(files);
    expect(inputs.problems).toEqual([]);
    expect(inputs.settings.allow).toEqual([{ host: 'mgmt.example.go.jp', port: 443, protocol: 'tcp' }]);
    expect(inputs.settings.dns).toEqual(['192.0.2.53']);
    // docs/isolation.md gives the example's release code.
    expect(await verifyReleaseCode('KAKU-2026', inputs.settings.releaseCodeHash!)).toBe(true);
    expect(await verifyReleaseCode('KAKU-2027', inputs.settings.releaseCodeHash!)).toBe(false);
  });

  it.skipIf(process.getuid?.() !== 0)('a policy others can write is not used (nor its isolation settings), and says so', async () => {
    writePolicy(settings, 0o666);
    const inputs = await readIsolationInputs(files);
    expect(inputs.settings).toEqual({ allow: [], dns: [] });
    expect(inputs.source).toMatch(/default-policy\.json \(default, /);
    expect(inputs.problems).toEqual([`${files.policyFile}: Policy file ${files.policyFile} is not used because ordinary users can change it (${files.policyFile}: mode 666 lets others write).`]);
  });

  it('invalid isolation settings make the policy invalid: not used, and says where', async () => {
    writePolicy({ allow: [{ host: '10.0.0.1; flush ruleset' }] });
    const inputs = await readIsolationInputs(files);
    expect(inputs.settings).toEqual({ allow: [], dns: [] });
    expect(inputs.source).toMatch(/default-policy\.json \(default, /);
    expect(inputs.problems[0]).toMatch(/policy\.json reporting\.isolation\.allow\[0\]\.host: A host name or IP address/);
  });

  it('a policy that cannot be used falls back to the last good copy, with its isolation settings', async () => {
    writePolicy(settings);
    expect((await readIsolationInputs(files)).problems).toEqual([]);
    writeFileSync(files.policyFile, '{ not json', { mode: 0o644 });
    const inputs = await readIsolationInputs(files);
    expect(inputs.source).toMatch(/policy\.last-good\.json \(last-good, /);
    expect(inputs.settings).toEqual({ ...settings, allow: [{ ...settings.allow[0], protocol: 'tcp' }] });
    expect(inputs.problems.length).toBeGreaterThan(0);
  });
});
