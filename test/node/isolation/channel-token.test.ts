import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN_FILE, clientProof, HandshakeLimit, TOKEN_FILE, TokenChannel } from '../../../src/node/isolation/channel-token';
import { callHelper } from '../../../src/node/isolation/client';
import type { HelperEndpoint } from '../../../src/node/isolation/connect';
import { Helper } from '../../../src/node/isolation/helper';
import { MAX_LINE_BYTES } from '../../../src/node/isolation/protocol';
import { FakeHost } from '../../support/fake-host';
import { OK_STATUS, recordingService, type ServiceCall } from '../../support/isolation';


/**
 * The Windows channel for real, on this machine's loopback: the helper's TCP server, the token
 * files, the mutual HMAC handshake and the client of client.ts. Only icacls is recorded (FakeHost):
 * its effect, the ACL, can only be seen on Windows.
 */
describe('Windows channel: loopback TCP with token files (runs here for real)', () => {
  let dir: string;
  let helper: Helper | undefined;
  let host: FakeHost;
  let calls: ServiceCall[];
  let limit: HandshakeLimit;
  const console_: HelperEndpoint = { kind: 'token-tcp', tokenFile: '', as: 'console' };
  const endpoint = (as: 'console' | 'admin'): HelperEndpoint => ({ kind: 'token-tcp', tokenFile: path.join(dir, as === 'admin' ? ADMIN_TOKEN_FILE : TOKEN_FILE), as });
  const token = (file = TOKEN_FILE) => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { port: number; secret: string };

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-token-'));
    host = new FakeHost({ info: { platform: 'win32' }, respond: (spec) => (spec.file === 'icacls' ? {} : undefined) });
    calls = [];
    limit = new HandshakeLimit(3, 60_000);
    const service = recordingService(calls);
    const channel = new TokenChannel({ dir, host, consoleUser: async () => 'CONTOSO\\tanaka', limit });
    helper = new Helper({ channel, service, watchdogMs: 0 });
    await helper.start();
  });
  afterEach(async () => {
    await helper?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('locks the folder, then each token file, with SIDs only (icacls arguments)', () => {
    expect(host.runs.map((r) => [r.file, ...r.args])).toEqual([
      ['icacls', dir, '/inheritance:r', '/grant:r', '*S-1-5-18:(OI)(CI)F', '*S-1-5-32-544:(OI)(CI)F', '*S-1-5-4:(RX)'],
      ['icacls', path.join(dir, ADMIN_TOKEN_FILE), '/inheritance:r', '/grant:r', '*S-1-5-18:F', '*S-1-5-32-544:F'],
      ['icacls', path.join(dir, TOKEN_FILE), '/inheritance:r', '/grant:r', '*S-1-5-18:F', '*S-1-5-32-544:F', '*S-1-5-4:R'],
    ]);
    const t = token();
    const a = token(ADMIN_TOKEN_FILE);
    expect(t.port).toBe(a.port);
    expect(t.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(a.secret).not.toBe(t.secret);
  });

  it('the right console token is admitted as the console user; the admin token as an administrator', async () => {
    expect(await callHelper({ op: 'isolate', reason: '感染の疑い' }, { endpoint: endpoint('console') })).toEqual({ kind: 'response', response: { ok: true, op: 'isolate', status: OK_STATUS.ok ? OK_STATUS.status : undefined } });
    expect(await callHelper({ op: 'release' }, { endpoint: endpoint('admin') })).toMatchObject({ kind: 'response', response: { ok: true } });
    expect(calls).toEqual([
      { op: 'isolate', actor: { user: 'CONTOSO\\tanaka', via: 'socket' } },
      { op: 'release', actor: { user: 'elevated administrator', via: 'socket' }, admin: true },
    ]);
  });

  it('a wrong secret, or the console secret claimed as admin, is refused before any request', async () => {
    const t = token();
    const forged = path.join(dir, 'forged');
    writeFileSync(forged, JSON.stringify({ port: t.port, secret: 'ab'.repeat(32) }));
    expect(await callHelper({ op: 'status' }, { endpoint: { kind: 'token-tcp', tokenFile: forged, as: 'console' } })).toEqual({ kind: 'response', response: { ok: false, error: 'not-authorized' } });
    expect(await callHelper({ op: 'release' }, { endpoint: { kind: 'token-tcp', tokenFile: path.join(dir, TOKEN_FILE), as: 'admin' } })).toEqual({ kind: 'response', response: { ok: false, error: 'not-authorized' } });
    expect(calls).toEqual([]);
  });

  it('no token file: the helper is absent; an unreadable one: refused (this user may not)', async () => {
    expect(await callHelper({ op: 'status' }, { endpoint: { ...console_, tokenFile: path.join(dir, 'missing') } })).toEqual({ kind: 'absent', detail: 'ENOENT' });
    if (process.getuid?.() !== 0) {
      writeFileSync(path.join(dir, 'locked'), '{}', { mode: 0o000 });
      expect(await callHelper({ op: 'status' }, { endpoint: { ...console_, tokenFile: path.join(dir, 'locked') } })).toEqual({ kind: 'refused', detail: 'EACCES' });
    }
  });

  /** Speaks to the helper's port directly: the challenge line, then whatever `lines` says. */
  const raw = (first: (challenge: string) => string) =>
    new Promise<{ answers: unknown[]; closed: boolean }>((resolve) => {
      const answers: unknown[] = [];
      let buffer = '';
      const s = net.createConnection({ host: '127.0.0.1', port: token().port });
      s.setEncoding('utf8');
      s.on('data', (d: string) => {
        buffer += d;
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = JSON.parse(buffer.slice(0, nl)) as Record<string, unknown>;
          buffer = buffer.slice(nl + 1);
          if (typeof line.challenge === 'string') s.write(first(line.challenge));
          else answers.push(line);
        }
      });
      s.on('error', () => undefined);
      s.on('close', () => resolve({ answers, closed: true }));
    });

  it('an over-long first line is refused and the connection closed', async () => {
    expect(await raw(() => 'x'.repeat(MAX_LINE_BYTES + 10))).toEqual({ answers: [{ ok: false, error: 'bad-request', detail: 'line too long' }], closed: true });
  });

  it('a replayed or malformed proof is refused; after the limit, wrong proofs hear "rate-limited", the right one still gets in', async () => {
    const { secret } = token();
    const replayed = clientProof(secret, 'console', 'cd'.repeat(32), 'ef'.repeat(32)); // made for another challenge
    expect((await raw(() => `${JSON.stringify({ as: 'console', nonce: 'ef'.repeat(32), proof: replayed })}\n`)).answers).toEqual([{ ok: false, error: 'not-authorized' }]);
    expect((await raw(() => '{"op":"status"}\n')).answers).toEqual([{ ok: false, error: 'not-authorized' }]);
    expect((await raw(() => 'not json\n')).answers).toEqual([{ ok: false, error: 'not-authorized' }]);
    const limited = (await raw(() => '{}\n')).answers[0] as { error: string; retryAfterSeconds: number };
    expect(limited).toMatchObject({ ok: false, error: 'rate-limited' });
    expect(limited.retryAfterSeconds).toBeGreaterThan(0);
    expect(await callHelper({ op: 'status' }, { endpoint: endpoint('console') })).toMatchObject({ kind: 'response', response: { ok: true } });
  });

  it('the client does not trust a listener that cannot prove the secret (someone took the port)', async () => {
    const impostor = net.createServer((s) => {
      s.write(`${JSON.stringify({ challenge: '12'.repeat(32) })}\n`);
      s.once('data', () => s.write(`${JSON.stringify({ proof: '34'.repeat(32) })}\n{"ok":true,"op":"isolate","status":{"isolated":true,"enforced":true,"allowed":[],"releasableWithCode":false,"warnings":[]}}\n`));
    });
    await new Promise<void>((r) => impostor.listen(0, '127.0.0.1', r));
    const file = path.join(dir, 'squatted');
    writeFileSync(file, JSON.stringify({ port: (impostor.address() as net.AddressInfo).port, secret: token().secret }));
    try {
      expect(await callHelper({ op: 'isolate', reason: 'x' }, { endpoint: { kind: 'token-tcp', tokenFile: file, as: 'console' } })).toEqual({ kind: 'failed', detail: 'the helper could not prove the secret' });
    } finally {
      await new Promise((r) => impostor.close(r));
    }
  });

  it('listens on loopback only', () => {
    expect((helper as unknown as { options: { channel: TokenChannel } }).options.channel.description).toMatch(/^tcp:127\.0\.0\.1:\d+$/);
  });
});
