import { createPublicKey } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPolicy, type PolicyFiles } from '../../../src/node/policy/loader';
import { startMachinePolicyUpdates, type MachineUpdates } from '../../../src/node/policy/machine-updates';
import { generatePolicyKeys, signPolicy } from '../../../src/node/policy/signature';
import type { UpdaterTimers } from '../../../src/node/policy/update';
import { defaultPolicyFile } from '../../../src/node/resources/paths';
import { examplePolicyInput } from '../../support/policy';
import { usePolicyServer } from '../../support/policy-server';
import { hasOpenssl } from '../../support/receivers/pki';

const keys = generatePolicyKeys();
const trust = async () => ({ keys: [createPublicKey(keys.publicPem)], now: new Date() });
const enc = (s: string) => Buffer.from(s, 'utf8');
const sig = (bytes: Uint8Array) => enc(JSON.stringify(signPolicy(bytes, keys.privatePem, new Date())));
/** Timers that never fire: the test drives the checks with checkNow(). */
const stillTimers: UpdaterTimers = { setTimeout: () => ({}), clearTimeout: () => undefined };

/**
 * Issue 7 end to end: the privileged helper's update loop fetches from a real HTTPS server on
 * loopback (test CA), keeps the accepted policy in the machine cache, and the agent's loader (as the
 * tray runs it) then uses it — and only while it verifies and is newer.
 */
describe.skipIf(!hasOpenssl())('policy updates through the helper, read by the agent', () => {
  const live = usePolicyServer();
  let dir: string;
  let files: PolicyFiles & { updateCacheDir: string };
  let updates: MachineUpdates | undefined;
  let log: Array<Record<string, unknown>>;

  const policyBytes = (revision: number) =>
    enc(JSON.stringify({ ...examplePolicyInput(), revision, updates: { source: live.srv.url, caFile: live.pki.caFile, intervalSeconds: 300 } }));
  const publish = (revision: number) => {
    const body = policyBytes(revision);
    live.srv.files.set('/mamori/policy.json', { body, etag: `"r${revision}"` });
    live.srv.files.set('/mamori/policy.json.sig', { body: sig(body) });
  };
  const deployMachinePolicy = async (revision: number) => {
    const body = policyBytes(revision);
    await writeFile(files.policyFile, body);
    await writeFile(`${files.policyFile}.sig`, sig(body));
  };
  /** What the tray's agent loads (cli/policy-options.ts does the same with the machine locations). */
  const agentLoads = async () => loadPolicy({ ...files, trust: await trust() });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mamori-machine-updates-'));
    files = {
      policyFile: path.join(dir, 'policy.json'),
      lastGoodFile: path.join(dir, 'state', 'policy.last-good.json'),
      defaultFile: defaultPolicyFile(),
      updateCacheDir: path.join(dir, 'policy-cache'),
      requireProtected: false,
    };
    live.srv.mode = 'ok';
    live.srv.files.clear();
    log = [];
    await deployMachinePolicy(3);
  });
  afterEach(async () => {
    updates?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const start = async () => {
    const prepared: string[] = [];
    updates = await startMachinePolicyUpdates({
      files,
      trust,
      prepareCacheDir: async (d) => void prepared.push(d),
      log: (e) => void log.push(e),
      timers: stillTimers,
      timeoutMs: 5000,
    });
    return prepared;
  };

  it('a newer signed policy is fetched by the helper, cached readable by all, and the agent loads it', async () => {
    publish(4);
    expect(await start()).toEqual([files.updateCacheDir]);
    expect((await agentLoads()).policy.revision).toBe(3);
    expect(await updates!.checkNow()).toMatchObject({ kind: 'updated' });
    expect(log).toContainEqual({ event: 'policy-update', source: live.srv.url, result: 'updated', revision: 4 });
    for (const f of ['policy.json', 'policy.json.sig']) expect((await stat(path.join(files.updateCacheDir, f))).mode & 0o777).toBe(0o644);

    const loaded = await agentLoads();
    expect(loaded.policy.revision).toBe(4);
    expect(loaded.source).toEqual({ kind: 'file', file: path.join(files.updateCacheDir, 'policy.json') });
    expect(loaded.problems).toEqual([]);

    // Next check: 304 with the ETag, logged as such.
    expect(await updates!.checkNow()).toEqual({ kind: 'not-modified' });
    expect(log.at(-1)).toEqual({ event: 'policy-update', source: live.srv.url, result: 'not-modified' });
  });

  it('a failed attempt is logged and keeps the policy in force', async () => {
    publish(4);
    await start();
    await updates!.checkNow();
    live.srv.mode = 'error';
    expect(await updates!.checkNow()).toMatchObject({ kind: 'failed', code: 'http-status' });
    expect(log.at(-1)).toMatchObject({ event: 'policy-update', result: 'failed', code: 'http-status' });
    expect((await agentLoads()).policy.revision).toBe(4);
  });

  it('a tampered cache is ignored by the agent (machine policy, with the problem reported)', async () => {
    publish(4);
    await start();
    await updates!.checkNow();
    const cached = path.join(files.updateCacheDir, 'policy.json');
    const bytes = await readFile(cached);
    bytes[bytes.indexOf('"revision":4') + 11] = '9'.charCodeAt(0);
    await writeFile(cached, bytes);
    const loaded = await agentLoads();
    expect(loaded.policy.revision).toBe(3);
    expect(loaded.source).toEqual({ kind: 'file', file: files.policyFile });
    expect(loaded.problems.map((p) => p.message.en).join('\n')).toMatch(/policy-cache/);
  });

  it('the rollback rule: an administrator’s newer machine policy wins over an older cached update', async () => {
    publish(4);
    await start();
    await updates!.checkNow();
    await deployMachinePolicy(5);
    expect((await agentLoads()).policy.revision).toBe(5);
    // …and a replayed older update is refused by the helper itself.
    publish(4);
    live.srv.files.set('/mamori/policy.json', { ...live.srv.files.get('/mamori/policy.json')!, etag: '"replay"' });
    updates!.stop();
    await start();
    expect(await updates!.checkNow()).toMatchObject({ kind: 'failed', code: 'rollback' });
  });

  it('without trusted keys the cache is never consulted (unsigned updates are never used)', async () => {
    publish(4);
    await start();
    await updates!.checkNow();
    expect((await loadPolicy({ ...files, trust: { keys: [], now: new Date() } })).policy.revision).toBe(3);
  });
});
