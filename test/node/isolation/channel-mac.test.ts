import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MacSocketChannel } from '../../../src/node/isolation/channel-mac';
import { callHelper } from '../../../src/node/isolation/client';
import type { ConsoleUser } from '../../../src/node/isolation/console-user';
import { devConsoleUser } from '../../../src/node/isolation/console-user';
import { Helper } from '../../../src/node/isolation/helper';
import { FakeHost } from '../../support/fake-host';
import { recordingService, type ServiceCall } from '../../support/isolation';

const me = process.getuid!();

/**
 * The macOS channel's logic for real, on this machine: two unix sockets, 0600, owned by the test's
 * uid here (root on a Mac); which socket a connection came in on decides who it is. The ACL itself
 * (`chmod +a`, macOS only) is recorded, not applied.
 */
describe('macOS channel: identity by which socket the kernel let you open', () => {
  let dir: string;
  let helper: Helper | undefined;
  let host: FakeHost;
  let user: ConsoleUser | null;
  let calls: ServiceCall[];
  const sock = () => path.join(dir, 'run', 'helper.sock');
  const adminSock = () => path.join(dir, 'run', 'admin.sock');

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-mac-'));
    mkdirSync(path.join(dir, 'run'), { mode: 0o755 });
    host = new FakeHost({ info: { platform: 'darwin' }, respond: (spec) => (spec.file === '/bin/chmod' ? {} : undefined) });
    user = { uid: 501, name: 'tanaka' };
    calls = [];
    const service = recordingService(calls);
    const channel = new MacSocketChannel({ socketPath: sock(), adminSocketPath: adminSock(), host, consoleUser: async () => user, ownerUid: me });
    helper = new Helper({ channel, service, watchdogMs: 0 });
    await helper.start();
  });
  afterEach(async () => {
    await helper?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('both sockets 0600; the console user gets one ACL entry on the user socket only', () => {
    expect(statSync(sock()).mode & 0o777).toBe(0o600);
    expect(statSync(adminSock()).mode & 0o777).toBe(0o600);
    expect(host.runs.map((r) => [r.file, ...r.args])).toEqual([
      ['/bin/chmod', '-N', sock()],
      ['/bin/chmod', '+a', 'user:tanaka allow read,write', sock()],
    ]);
  });

  it('the user socket is the console user (no admin rights); the admin socket is root', async () => {
    await callHelper({ op: 'isolate', reason: 'x' }, { socketPath: sock() });
    await callHelper({ op: 'release' }, { socketPath: sock() });
    await callHelper({ op: 'release' }, { socketPath: adminSock() });
    expect(calls).toEqual([
      { op: 'isolate', actor: { uid: 501, user: 'tanaka', via: 'socket' } },
      { op: 'release', actor: { uid: 501, user: 'tanaka', via: 'socket' }, admin: false },
      { op: 'release', actor: { uid: 0, user: 'root', via: 'socket' }, admin: true },
    ]);
  });

  it('at the login window (nobody at the console) the ACL is removed and the user socket refuses', async () => {
    user = null;
    const channel = (helper as unknown as { options: { channel: MacSocketChannel } }).options.channel;
    await channel.refreshAcl();
    expect(host.runs.at(-1)).toMatchObject({ file: '/bin/chmod', args: ['-N', sock()] });
    expect(await callHelper({ op: 'status' }, { socketPath: sock() })).toEqual({ kind: 'response', response: { ok: false, error: 'not-authorized' } });
  });

  it('the console user is the owner of /dev/console, named by id -nu; root (login window) is nobody', async () => {
    const idHost = new FakeHost({ commands: [{ file: '/usr/bin/id', args: ['-nu', '501'], stdout: 'tanaka\n' }] });
    expect(await devConsoleUser(idHost, async () => 501)()).toEqual({ uid: 501, name: 'tanaka' });
    expect(await devConsoleUser(idHost, async () => 0)()).toBeNull();
  });
});
