import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveHost } from '../../../src/node/host/live-host';
import { lookupPeer, parseSsPeer, parseStatusUids, type PeerLookup } from '../../../src/node/isolation/peer';

const SOCK = '/run/mamori/helper.sock';

describe('peer identification: parsing', () => {
  it('finds the peer inode of our row', () => {
    const out = `u_str ESTAB 0      0      ${SOCK} 70052 * 70051\nu_str ESTAB 0      0      ${SOCK} 70060 * 70059\n`;
    expect(parseSsPeer(out, SOCK, 70052)).toBe(70051);
    expect(parseSsPeer(out, SOCK, 70060)).toBe(70059);
    expect(parseSsPeer(out, SOCK, 99999)).toBeNull();
  });

  it('refuses when a second row names our inode (a forged line through a socket name with a newline)', () => {
    const forged = `u_str ESTAB 0 0 ${SOCK} 70052 * 70051\nu_str ESTAB 0 0 @evil 777\nu_str ESTAB 0 0 ${SOCK} 70052 * 1\n`;
    expect(parseSsPeer(forged, SOCK, 70052)).toBeNull();
    expect(parseSsPeer(`u_str ESTAB 0 0 ${SOCK} 70052 * 70052\n`, SOCK, 70052)).toBeNull();
    expect(parseSsPeer(`u_str ESTAB 0 0 /run/mamori/helperXsock 70052 * 70051\n`, SOCK, 70052)).toBeNull();
  });

  it('reads all four uids from /proc/<pid>/status', () => {
    expect(parseStatusUids('Name:\tnode\nUid:\t1000\t1000\t1000\t1000\nGid:\t1000\t1000\t1000\t1000\n')).toEqual([1000, 1000, 1000, 1000]);
    expect(parseStatusUids('Name:\tsu\nUid:\t1000\t0\t0\t0\n')).toEqual([1000, 0, 0, 0]);
    expect(parseStatusUids('Name:\tx\n')).toBeNull();
  });
});

const canSwitchUser = process.platform === 'linux' && process.getuid?.() === 0 && spawnSync('setpriv', ['--version']).status === 0 && spawnSync('ss', ['-V']).status === 0;

describe.skipIf(!canSwitchUser)(`peer identification: real connections${canSwitchUser ? '' : ' (skipped: needs Linux, root, setpriv and ss)'}`, () => {
  let dir: string;
  let socketPath: string;
  let server: net.Server;
  const waiters: Array<(p: PeerLookup) => void> = [];
  const host = new LiveHost();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-peer-'));
    chmodSync(dir, 0o755);
    socketPath = path.join(dir, 'p.sock');
    // Identifies the peer when its first byte arrives (so a test can arrange the holders first).
    server = net.createServer((socket) => {
      socket.on('error', () => undefined);
      socket.once('data', () => {
        void lookupPeer(socket, host, socketPath).then((p) => {
          waiters.shift()?.(p);
          socket.end(`${JSON.stringify(p)}\n`);
        });
      });
    });
    await new Promise<void>((r) => server.listen(socketPath, r));
    chmodSync(socketPath, 0o666);
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  const next = () => new Promise<PeerLookup>((r) => waiters.push(r));

  it('identifies a client in this process as root, with its pid', async () => {
    const got = next();
    const c = net.createConnection(socketPath, () => c.write('x'));
    c.on('error', () => undefined);
    const p = await got;
    c.destroy();
    expect(p).toEqual({ ok: true, peer: { uid: 0, pids: [process.pid] } });
  });

  it('identifies a client running as another user (uid 65534)', async () => {
    const got = next();
    const child = spawn('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', `const s = require('net').createConnection(${JSON.stringify(socketPath)}, () => s.write('x')); s.on('data', () => process.exit(0))`], { stdio: 'ignore' });
    const p = await got;
    await new Promise((r) => child.once('exit', r));
    expect(p).toMatchObject({ ok: true, peer: { uid: 65534 } });
    expect(p.ok && p.peer.pids).toEqual([child.pid]);
  });

  it('refuses when the socket is shared by processes of different users', async () => {
    // A root process hands its connected socket to a child that drops to uid 65534: two holders, two uids.
    const got = next();
    const script = `
      const net = require('net'); const { spawn } = require('child_process');
      const s = net.createConnection(${JSON.stringify(socketPath)}, () => {
        const child = spawn('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'sleep', '2'], { stdio: ['ignore', 'ignore', 'ignore', s] });
        setTimeout(() => s.write('x'), 300);
        s.on('data', () => { child.kill(); process.exit(0); });
      });`;
    const parent = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
    const p = await got;
    await new Promise((r) => parent.once('exit', r));
    expect(p).toEqual({ ok: false, detail: 'peer holders disagree on uid (0,65534)' });
  });
});
