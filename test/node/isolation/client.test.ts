import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LiveHost } from '../../../src/node/host/live-host';
import { callHelper, requestIsolation } from '../../../src/node/isolation/client';

/**
 * The unprivileged fallback, with a fake `nmcli` first on PATH that records its arguments (there is no
 * NetworkManager here; this is the one boundary faked). The helper is really absent: no socket, or a
 * socket file nobody listens on.
 */
describe('client without the helper', () => {
  let dir: string;
  let savedPath: string | undefined;
  const record = () => path.join(dir, 'nmcli.args');
  const fakeNmcli = (exitCode: number, stderr = '') => {
    const script = `#!/bin/sh\nprintf '%s\\n' "$@" > '${record()}'\n${stderr ? `echo '${stderr}' >&2\n` : ''}exit ${exitCode}\n`;
    writeFileSync(path.join(dir, 'bin', 'nmcli'), script, { mode: 0o755 });
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-client-'));
    (require('node:fs') as typeof import('node:fs')).mkdirSync(path.join(dir, 'bin'));
    savedPath = process.env.PATH;
    process.env.PATH = `${path.join(dir, 'bin')}:${savedPath}`;
  });
  afterEach(() => {
    process.env.PATH = savedPath;
    rmSync(dir, { recursive: true, force: true });
  });

  it('no socket: turns networking off with nmcli and says to pull the cable; the report channel is cut too', async () => {
    fakeNmcli(0);
    const result = await requestIsolation('感染の疑い', { host: new LiveHost({ platform: 'linux' }), socketPath: path.join(dir, 'missing.sock') });
    expect(result).toEqual({
      code: 'isolation.network-off-pull-cable',
      via: 'fallback',
      method: 'nmcli networking off',
      reportChannelCut: true,
      userCanUndo: true,
      helper: { kind: 'absent', detail: 'ENOENT' },
    });
    expect(readFileSync(record(), 'utf8')).toBe('networking\noff\n');
  });

  it('a socket nobody listens on (helper crashed): ECONNREFUSED is "absent" too', async () => {
    const socketPath = path.join(dir, 'stale.sock');
    const server = net.createServer().listen(socketPath);
    await new Promise((r) => server.once('listening', r));
    (require('node:fs') as typeof import('node:fs')).linkSync(socketPath, `${socketPath}.keep`);
    await new Promise((r) => server.close(r));
    (require('node:fs') as typeof import('node:fs')).renameSync(`${socketPath}.keep`, socketPath);
    expect(await callHelper({ op: 'status' }, { socketPath })).toEqual({ kind: 'absent', detail: 'ECONNREFUSED' });
    fakeNmcli(0);
    expect(await requestIsolation('x', { host: new LiveHost({ platform: 'linux' }), socketPath })).toMatchObject({ code: 'isolation.network-off-pull-cable', helper: { kind: 'absent', detail: 'ECONNREFUSED' } });
  });

  it('nmcli refused (polkit) or missing: nothing was cut, so only "pull the cable" is left', async () => {
    fakeNmcli(1, 'Error: Not authorized to enable/disable networking.');
    const refused = await requestIsolation('x', { host: new LiveHost({ platform: 'linux' }), socketPath: path.join(dir, 'missing.sock') });
    expect(refused).toMatchObject({ code: 'isolation.pull-cable', via: 'none', reportChannelCut: false, fallback: { state: 'unknown', reason: 'access-denied' } });
    rmSync(path.join(dir, 'bin', 'nmcli'));
    process.env.PATH = path.join(dir, 'bin');
    const missing = await requestIsolation('x', { host: new LiveHost({ platform: 'linux' }), socketPath: path.join(dir, 'missing.sock') });
    expect(missing).toMatchObject({ code: 'isolation.pull-cable', fallback: { reason: 'command-missing' } });
  });

  it('on Windows and macOS there is no unprivileged fallback here: pull the cable', async () => {
    fakeNmcli(0);
    const result = await requestIsolation('x', { host: new LiveHost({ platform: 'win32' }), socketPath: path.join(dir, 'missing.sock') });
    expect(result).toMatchObject({ code: 'isolation.pull-cable', via: 'none', fallback: { reason: 'not-supported', detail: 'win32' } });
    expect(existsSync(record())).toBe(false);
  });

  it('the helper answering with an error (rules refused) also falls back', async () => {
    const socketPath = path.join(dir, 'h.sock');
    const server = net.createServer((s) => s.end('{"ok":false,"error":"apply-failed","detail":"nft: Operation not permitted"}\n').resume());
    await new Promise<void>((r) => server.listen(socketPath, r));
    chmodSync(socketPath, 0o600);
    fakeNmcli(0);
    try {
      const result = await requestIsolation('x', { host: new LiveHost({ platform: 'linux' }), socketPath });
      expect(result).toMatchObject({ code: 'isolation.network-off-pull-cable', helper: { kind: 'error', detail: 'apply-failed: nft: Operation not permitted' } });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('an answer that is not the protocol is a failure, not a success', async () => {
    const socketPath = path.join(dir, 'h.sock');
    const server = net.createServer((s) => s.end('{"ok":true,"op":"isolate"}\n').resume());
    await new Promise<void>((r) => server.listen(socketPath, r));
    try {
      expect(await callHelper({ op: 'status' }, { socketPath })).toEqual({ kind: 'failed', detail: 'unexpected answer' });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
