import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPolicy, type PolicyFiles } from '../../../src/node/policy/loader';
import { machinePolicyLocations } from '../../../src/node/policy/locations';
import { defaultPolicyFile } from '../../../src/node/resources/paths';
import { examplePolicyInput } from '../../support/policy';

let dir: string;
let files: PolicyFiles;
const good = () => JSON.stringify(examplePolicyInput());

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mamori-policy-'));
  await mkdir(path.join(dir, 'etc'), { mode: 0o755 });
  files = {
    policyFile: path.join(dir, 'etc', 'policy.json'),
    lastGoodFile: path.join(dir, 'state', 'policy.last-good.json'),
    defaultFile: defaultPolicyFile(),
    requireProtected: false,
  };
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('loading the policy in force', () => {
  it('a valid policy is used and kept on disk as the last good one', async () => {
    await writeFile(files.policyFile, good());
    const loaded = await loadPolicy(files);
    expect(loaded.source).toEqual({ kind: 'file', file: files.policyFile });
    expect(loaded.problems).toEqual([]);
    expect(await readFile(files.lastGoodFile, 'utf8')).toBe(good());
  });

  it('a broken update keeps the last good policy in force and says what is wrong', async () => {
    await writeFile(files.policyFile, good());
    await loadPolicy(files);
    await writeFile(files.policyFile, good().replace('"revision":3', '"revision":"four"'));
    const loaded = await loadPolicy(files);
    expect(loaded.source.kind).toBe('last-good');
    expect(loaded.policy.revision).toBe(3);
    expect(loaded.problems.map((p) => [p.file, p.path])).toEqual([[files.policyFile, 'revision']]);
    // The last good copy was not overwritten by the broken file.
    expect(await readFile(files.lastGoodFile, 'utf8')).toBe(good());
  });

  it('no policy and no last good copy: the shipped default, without inventing a problem', async () => {
    const loaded = await loadPolicy(files);
    expect(loaded.source).toEqual({ kind: 'default', file: files.defaultFile });
    expect(loaded.problems).toEqual([]);
  });

  it('a broken policy and no last good copy: the shipped default, with the problem', async () => {
    await writeFile(files.policyFile, '{');
    const loaded = await loadPolicy(files);
    expect(loaded.source.kind).toBe('default');
    expect(loaded.problems).toHaveLength(1);
  });

  it.runIf(process.platform !== 'win32' && process.getuid?.() === 0)('the agent refuses a policy file that others can write', async () => {
    await writeFile(files.policyFile, good());
    await chmod(files.policyFile, 0o666);
    const loaded = await loadPolicy({ ...files, requireProtected: true });
    expect(loaded.source.kind).toBe('default');
    expect(loaded.problems[0]!.message.en).toMatch(/ordinary users can change it .*mode 666/);
    await chmod(files.policyFile, 0o644);
    expect((await loadPolicy({ ...files, requireProtected: true })).source.kind).toBe('file');
  });
});

describe('machine-wide locations', () => {
  it('are the documented ones per OS', () => {
    expect(machinePolicyLocations('linux').policyFile).toBe('/etc/mamori/policy.json');
    expect(machinePolicyLocations('darwin').policyFile).toBe('/Library/Application Support/Mamori/policy.json');
    expect(machinePolicyLocations('win32', { ProgramData: 'C:\\ProgramData' }).policyFile).toBe('C:\\ProgramData\\Mamori\\policy.json');
    // The accepted policy update: written by the privileged helper, read by the agent.
    expect(machinePolicyLocations('linux').updateCacheDir).toBe('/var/lib/mamori/policy-cache');
    expect(machinePolicyLocations('darwin').updateCacheDir).toBe('/Library/Application Support/Mamori/policy-cache');
    expect(machinePolicyLocations('win32', { ProgramData: 'C:\\ProgramData' }).updateCacheDir).toBe('C:\\ProgramData\\Mamori\\policy-cache');
  });
});
