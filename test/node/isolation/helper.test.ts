import { mkdtempSync, rmSync, statSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callHelper } from '../../../src/node/isolation/client';
import { fixedConsoleUsers } from '../../../src/node/isolation/console-user';
import { LinuxSocketChannel } from '../../../src/node/isolation/channel-linux';
import { Helper } from '../../../src/node/isolation/helper';
import type { PeerLookup } from '../../../src/node/isolation/peer';
import { MAX_LINE_BYTES } from '../../../src/node/isolation/protocol';
import type { Caller, IsolationService, Outcome } from '../../../src/node/isolation/service';
import type { Actor } from '../../../src/node/isolation/state';
import { FakeHost } from '../../support/fake-host';

const me = process.getuid!();
const CONSOLE = 1000;
const STATUS: Outcome = { ok: true, status: { isolated: false, enforced: false, allowed: [], releasableWithCode: true, warnings: [] } };

/** Records what reached the service, as which actor. */
function fakeService() {
  const calls: Array<{ op: string; actor?: Actor; admin?: boolean; code?: string | undefined }> = [];
  const service = {
    status: async () => (calls.push({ op: 'status' }), STATUS),
    isolate: async (actor: Actor) => (calls.push({ op: 'isolate', actor }), STATUS),
    release: async (caller: Caller, code: string | undefined) => (calls.push({ op: 'release', actor: caller.actor, admin: caller.admin, code }), { ok: false, error: 'bad-code' } as Outcome),
    enforce: async () => undefined,
  } as unknown as IsolationService;
  return { service, calls };
}

/** Sends raw bytes and collects answer lines until the helper closes or `lines` arrived. */
function raw(socketPath: string, data: string, lines: number): Promise<{ answers: unknown[]; closed: boolean }> {
  return new Promise((resolve) => {
    const answers: unknown[] = [];
    let buffer = '';
    const s = net.createConnection(socketPath, () => s.write(data));
    s.setEncoding('utf8');
    s.on('data', (d: string) => {
      buffer += d;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        answers.push(JSON.parse(buffer.slice(0, nl)));
        buffer = buffer.slice(nl + 1);
      }
      if (answers.length >= lines) {
        s.destroy();
        resolve({ answers, closed: false });
      }
    });
    s.on('error', () => undefined);
    s.on('close', () => resolve({ answers, closed: true }));
  });
}

describe('helper socket', () => {
  let dir: string;
  let socketPath: string;
  let helper: Helper | undefined;
  let host: FakeHost;
  let peer: PeerLookup;

  const start = async (identify?: () => Promise<PeerLookup>) => {
    const { service, calls } = fakeService();
    const channel = new LinuxSocketChannel({ socketPath, host, consoleUsers: fixedConsoleUsers([CONSOLE]), identify: identify ?? (async () => peer), ownerUid: me });
    helper = new Helper({ channel, service, watchdogMs: 0 });
    await helper.start();
    return calls;
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-helper-'));
    mkdirSync(path.join(dir, 'run'), { mode: 0o755 });
    socketPath = path.join(dir, 'run', 'helper.sock');
    host = new FakeHost({ commands: [{ file: 'setfacl', args: ['--set', 'u::rw-,g::---,o::---,u:1000:rw-,m::rw-', socketPath] }, { file: 'getent', args: ['passwd', '1000'], stdout: 'tanaka:x:1000:1000:田中:/home/tanaka:/bin/bash\n' }] });
    peer = { ok: true, peer: { uid: CONSOLE, pids: [4242] } };
  });
  afterEach(async () => {
    await helper?.stop();
    helper = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the socket 0600 and gives the console user an ACL entry', async () => {
    await start();
    expect(statSync(socketPath).mode & 0o777).toBe(0o600);
    expect(statSync(socketPath).isSocket()).toBe(true);
    expect(host.runs.find((r) => r.file === 'setfacl')?.args).toEqual(['--set', 'u::rw-,g::---,o::---,u:1000:rw-,m::rw-', socketPath]);
  });

  it('answers the console user, naming them in what reaches the service', async () => {
    const calls = await start();
    const out = await callHelper({ op: 'isolate', reason: '感染の疑い' }, { socketPath });
    expect(out).toEqual({ kind: 'response', response: { ok: true, op: 'isolate', status: STATUS.ok ? STATUS.status : undefined } });
    expect(calls).toEqual([{ op: 'isolate', actor: { uid: 1000, user: 'tanaka', via: 'socket' } }]);
  });

  it('refuses anyone who is neither root nor the console user, and a peer that cannot be identified', async () => {
    peer = { ok: true, peer: { uid: 1001, pids: [1] } };
    const calls = await start();
    expect(await callHelper({ op: 'status' }, { socketPath })).toEqual({ kind: 'response', response: { ok: false, error: 'not-authorized' } });
    peer = { ok: false, detail: 'peer socket not found (or ambiguous)' };
    expect(await callHelper({ op: 'status' }, { socketPath })).toEqual({ kind: 'response', response: { ok: false, error: 'not-authorized' } });
    expect(calls).toEqual([]);
  });

  it('root is admitted (release without code reaches the service as uid 0)', async () => {
    peer = { ok: true, peer: { uid: 0, pids: [1] } };
    const calls = await start();
    await callHelper({ op: 'release' }, { socketPath });
    expect(calls).toEqual([{ op: 'release', actor: { uid: 0, user: '#0', via: 'socket' }, admin: true, code: undefined }]);
  });

  it('answers bad lines with bad-request and goes on; pipelined requests are answered in order', async () => {
    const calls = await start();
    const { answers } = await raw(socketPath, 'nonsense\n{"op":"isolate","reason":"x","allow":[{"host":"203.0.113.1"}]}\n{"op":"status"}\n', 3);
    expect(answers).toMatchObject([{ ok: false, error: 'bad-request' }, { ok: false, error: 'bad-request' }, { ok: true, op: 'status' }]);
    expect(calls.map((c) => c.op)).toEqual(['status']);
  });

  it('closes the connection on an over-long line', async () => {
    await start();
    const { answers, closed } = await raw(socketPath, 'x'.repeat(MAX_LINE_BYTES + 10), 2);
    expect(answers).toEqual([{ ok: false, error: 'bad-request', detail: 'line too long' }]);
    expect(closed).toBe(true);
  });

  it('replaces a stale socket left by a killed helper, but never a file that is not a socket', async () => {
    await start();
    await helper!.stop();
    // A socket file with nobody listening, as after SIGKILL.
    const stale = net.createServer().listen(socketPath);
    await new Promise((r) => stale.once('listening', r));
    const linked = `${socketPath}.keep`;
    (await import('node:fs')).linkSync(socketPath, linked);
    await new Promise((r) => stale.close(r));
    (await import('node:fs')).renameSync(linked, socketPath);
    expect(await callHelper({ op: 'status' }, { socketPath })).toEqual({ kind: 'absent', detail: 'ECONNREFUSED' });
    await start();
    expect(await callHelper({ op: 'status' }, { socketPath })).toMatchObject({ kind: 'response' });
    await helper!.stop();
    helper = undefined;
    rmSync(socketPath, { force: true });
    writeFileSync(socketPath, 'not a socket');
    await expect(start()).rejects.toThrow(/not a socket/);
  });

  it('refuses a socket folder others can write, and socket paths a filter could misread', async () => {
    chmodSync(path.join(dir, 'run'), 0o777);
    await expect(start()).rejects.toThrow(/others cannot write/);
    for (const bad of ['relative.sock', '/tmp/a b.sock', '/tmp/*.sock', '/tmp/x\n.sock']) {
      expect(() => new LinuxSocketChannel({ socketPath: bad, host, consoleUsers: fixedConsoleUsers([]) }), bad).toThrow(/unsafe socket path/);
    }
  });
});
