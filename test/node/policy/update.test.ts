import { createPublicKey } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { generatePolicyKeys, signPolicy } from '../../../src/node/policy/signature';
import {
  fetchPolicyUpdate,
  PolicyUpdater,
  sourceKind,
  type PolicyUpdateRequest,
  type UpdateFailureCode,
  type UpdaterTimers,
} from '../../../src/node/policy/update';
import type { LoadedPolicy, PolicyTrust } from '../../../src/node/policy/loader';
import { Policy } from '../../../src/shared/policy/schema';
import { examplePolicyInput } from '../../support/policy';
import { usePolicyServer } from '../../support/policy-server';
import { hasOpenssl } from '../../support/receivers/pki';

const enc = (s: string) => Buffer.from(s, 'utf8');
const keys = generatePolicyKeys();
const other = generatePolicyKeys();
const trust = (): PolicyTrust => ({ keys: [createPublicKey(keys.publicPem)], now: new Date() });

const policyBytes = (revision: number, updates?: { source: string; caFile?: string }) =>
  enc(JSON.stringify({ ...examplePolicyInput(), revision, ...(updates && { updates: { intervalSeconds: 300, ...updates } }) }));
const sigOf = (bytes: Uint8Array, privatePem = keys.privatePem) => enc(JSON.stringify(signPolicy(bytes, privatePem, new Date())));

function fakeTimers() {
  const pending: { fn: () => void; ms: number }[] = [];
  const timers: UpdaterTimers = {
    setTimeout: (fn, ms) => {
      const handle = { fn, ms };
      pending.push(handle);
      return handle;
    },
    clearTimeout: (handle) => {
      const i = pending.indexOf(handle as (typeof pending)[number]);
      if (i >= 0) pending.splice(i, 1);
    },
  };
  return { pending, timers };
}

describe.skipIf(!hasOpenssl())('policy updates', () => {
  const live = usePolicyServer();
  let dir: string;
  let cacheDir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mamori-update-'));
    cacheDir = path.join(dir, 'state', 'policy-update');
    live.srv.mode = 'ok';
    live.srv.files.clear();
    live.srv.requests.length = 0;
    live.srv.server.setSecureContext(live.pki.server);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const updates = () => ({ source: live.srv.url, caFile: live.pki.caFile });
  const publish = (revision: number, opts: { body?: Buffer; signWith?: string | null } = {}) => {
    const body = opts.body ?? policyBytes(revision, updates());
    const signWith = opts.signWith === undefined ? keys.privatePem : opts.signWith;
    live.srv.files.set('/mamori/policy.json', { body, etag: `"r${revision}"` });
    if (signWith) live.srv.files.set('/mamori/policy.json.sig', { body: sigOf(body, signWith) });
    else live.srv.files.delete('/mamori/policy.json.sig');
  };
  const request = (extra: Partial<PolicyUpdateRequest> = {}): PolicyUpdateRequest => ({
    ...updates(),
    timeoutMs: 5000,
    cacheDir,
    trust: trust(),
    currentRevision: 3,
    ...extra,
  });

  /** An updater whose policy in force starts at `revision`; applied revisions and problems are recorded. */
  const makeUpdater = (revision = 3, timers?: UpdaterTimers, timeoutMs = 5000) => {
    let inForce = Policy.parse(JSON.parse(policyBytes(revision, updates()).toString('utf8')));
    const applied: LoadedPolicy[] = [];
    const problems: UpdateFailureCode[] = [];
    const updater = new PolicyUpdater({
      cacheDir,
      trust,
      current: () => inForce,
      onNewPolicy: (loaded) => {
        inForce = loaded.policy;
        applied.push(loaded);
      },
      onProblem: (code) => problems.push(code),
      timeoutMs,
      ...(timers && { timers }),
    });
    return { updater, applied, problems, inForce: () => inForce };
  };

  it('200 applies a newer signed policy, then 304 with If-None-Match changes nothing', async () => {
    publish(4);
    const { updater, applied, inForce } = makeUpdater(3);
    const first = await updater.checkNow();
    expect(first).toMatchObject({ kind: 'updated', etag: '"r4"' });
    expect(applied.map((l) => l.policy.revision)).toEqual([4]);
    expect(applied[0]!.source).toEqual({ kind: 'file', file: path.join(cacheDir, 'policy.json') });
    expect(inForce().revision).toBe(4);
    expect((await readdir(cacheDir)).sort()).toEqual(['etag', 'policy.json', 'policy.json.sig']);
    expect(live.srv.requests.map((r) => r.url)).toEqual(['/mamori/policy.json', '/mamori/policy.json.sig']);
    expect(live.srv.requests[0]!.ifNoneMatch).toBeUndefined();

    live.srv.requests.length = 0;
    expect(await updater.checkNow()).toEqual({ kind: 'not-modified' });
    expect(live.srv.requests).toEqual([{ url: '/mamori/policy.json', ifNoneMatch: '"r4"' }]);
    expect(applied).toHaveLength(1);
  });

  it('500 keeps the current policy', async () => {
    live.srv.mode = 'error';
    const { updater, applied, problems } = makeUpdater(3);
    expect(await updater.checkNow()).toMatchObject({ kind: 'failed', code: 'http-status' });
    expect(applied).toEqual([]);
    expect(problems).toEqual(['http-status']);
    expect(await readdir(cacheDir).catch(() => [])).toEqual([]);
  });

  it('a server that never answers times out and keeps the current policy', async () => {
    live.srv.mode = 'hang';
    publish(4);
    const { updater, applied } = makeUpdater(3, undefined, 400);
    const started = Date.now();
    const result = await updater.checkNow();
    expect(result).toMatchObject({ kind: 'failed', code: 'timeout' });
    expect(Date.now() - started).toBeLessThan(4000);
    expect(applied).toEqual([]);
  });

  it('a server certificate from another CA is refused', async () => {
    publish(4);
    live.srv.server.setSecureContext(live.pki.rogue);
    const result = await fetchPolicyUpdate(request());
    expect(result).toMatchObject({ kind: 'failed', code: 'network' });
    expect(live.srv.requests).toEqual([]);
  });

  it.each<[string, () => void, Partial<PolicyUpdateRequest>, UpdateFailureCode]>([
    ['tampered body (one byte)', () => {
      publish(4);
      const file = live.srv.files.get('/mamori/policy.json')!;
      const body = Buffer.from(file.body);
      body[body.indexOf('"revision":4') + 11] = '5'.charCodeAt(0);
      live.srv.files.set('/mamori/policy.json', { ...file, body });
    }, {}, 'digest-mismatch'],
    ['missing .sig', () => publish(4, { signWith: null }), {}, 'no-signature'],
    ['signed with a key this PC does not trust', () => publish(4, { signWith: other.privatePem }), {}, 'unknown-key'],
    ['older revision (rollback)', () => publish(2), {}, 'rollback'],
    ['signed but not a valid policy', () => publish(4, { body: enc('{"schemaVersion":1,"revision":4}') }), {}, 'invalid'],
    ['no trusted keys installed (unsigned network policy never applied)', () => publish(4), { trust: { keys: [], now: new Date() } }, 'no-trusted-keys'],
    ['plain http:// source', () => publish(4), { source: 'http://127.0.0.1:1/policy.json' }, 'unsupported-source'],
  ])('%s: refused with its code, nothing cached', async (_name, arrange, extra, code) => {
    arrange();
    const result = await fetchPolicyUpdate(request(extra));
    expect(result).toMatchObject({ kind: 'failed', code });
    if (result.kind === 'failed') {
      expect(result.problems.length).toBeGreaterThan(0);
      expect(result.problems[0]!.message.ja).not.toMatch(/\{|\}$/);
    }
    expect(await readdir(cacheDir).catch(() => [])).toEqual([]);
  });

  it('a file-path source picks up a changed file and ignores an unchanged one', async () => {
    const share = path.join(dir, 'share');
    const source = path.join(share, 'policy.json');
    expect(sourceKind(source)).toBe('file');
    expect(sourceKind('\\\\server\\share\\mamori\\policy.json')).toBe('file');
    const put = async (revision: number, mtime: Date) => {
      const body = policyBytes(revision, { source });
      await rm(share, { recursive: true, force: true });
      await mkdir(share, { recursive: true });
      await writeFile(source, body);
      await writeFile(`${source}.sig`, sigOf(body));
      await utimes(source, mtime, mtime);
      await utimes(`${source}.sig`, mtime, mtime);
    };
    await put(4, new Date('2026-11-01T00:00:00Z'));
    const first = await fetchPolicyUpdate(request({ source, caFile: undefined }));
    expect(first.kind).toBe('updated');
    const marker = first.kind === 'updated' ? first.etag : null;
    expect(marker).toMatch(/^\d+(\.\d+)?:\d+\//);

    expect(await fetchPolicyUpdate(request({ source, caFile: undefined, etag: marker, currentRevision: 4 }))).toEqual({ kind: 'not-modified' });

    await put(5, new Date('2026-11-02T00:00:00Z'));
    const second = await fetchPolicyUpdate(request({ source, caFile: undefined, etag: marker, currentRevision: 4 }));
    expect(second.kind).toBe('updated');
    if (second.kind === 'updated') expect(second.loaded.policy.revision).toBe(5);
  });

  it('the cached update survives a restart, is verified again, and a tampered cache is refused', async () => {
    publish(4);
    expect((await makeUpdater(3).updater.checkNow())?.kind).toBe('updated');

    // "Restart": a new updater, the machine policy still at revision 3.
    const { pending, timers } = fakeTimers();
    const restarted = makeUpdater(3, timers);
    await restarted.updater.start();
    expect(restarted.applied.map((l) => l.policy.revision)).toEqual([4]);
    // The first check is due at once and reuses the cached ETag; the next one at the policy's interval.
    expect(pending.map((p) => p.ms)).toEqual([0]);
    live.srv.requests.length = 0;
    pending.shift()!.fn();
    await vi.waitFor(() => expect(pending.map((p) => p.ms)).toEqual([300_000]));
    expect(live.srv.requests).toEqual([{ url: '/mamori/policy.json', ifNoneMatch: '"r4"' }]);
    restarted.updater.stop();
    expect(pending).toEqual([]);

    // Tampered cache: refused at start (the machine policy stays), and the next check downloads in full.
    const cached = path.join(cacheDir, 'policy.json');
    const bytes = await readFile(cached);
    bytes[bytes.indexOf('"revision":4') + 11] = '9'.charCodeAt(0);
    await writeFile(cached, bytes);
    const afterTamper = makeUpdater(3, fakeTimers().timers);
    await afterTamper.updater.start();
    expect(afterTamper.applied).toEqual([]);
    expect(afterTamper.problems).toEqual(['digest-mismatch']);
    live.srv.requests.length = 0;
    expect((await afterTamper.updater.checkNow())?.kind).toBe('updated');
    expect(live.srv.requests[0]!.ifNoneMatch).toBeUndefined();
    expect(afterTamper.applied.map((l) => l.policy.revision)).toEqual([4]);
  });

  it('a policy without an updates section schedules nothing', async () => {
    const { pending, timers } = fakeTimers();
    let inForce = Policy.parse(JSON.parse(policyBytes(3).toString('utf8')));
    const updater = new PolicyUpdater({ cacheDir, trust, current: () => inForce, onNewPolicy: (l) => void (inForce = l.policy), timers });
    await updater.start();
    expect(pending).toEqual([]);
    expect(await updater.checkNow()).toBeNull();
  });
});
