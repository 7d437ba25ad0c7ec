import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IsolationControl } from '../../src/node/incident/isolation-control';
import { callHelper } from '../../src/node/isolation/client';
import type { Allowlist } from '../../src/node/isolation/allowlist';
import { LinuxSocketChannel } from '../../src/node/isolation/channel-linux';
import { fixedConsoleUsers } from '../../src/node/isolation/console-user';
import type { Firewall } from '../../src/node/isolation/firewall';
import { Helper } from '../../src/node/isolation/helper';
import { hashReleaseCode } from '../../src/node/isolation/release-code';
import { IsolationService, type Caller, type Outcome } from '../../src/node/isolation/service';
import type { IsolationInputs } from '../../src/node/isolation/settings';
import { AuditLog, ensureStateDir, StateStore, type Actor } from '../../src/node/isolation/state';
import { FakeHost } from './fake-host';

/** A firewall that records what it was asked (this machine's nftables is not the test's to change). */
export class FakeFirewall implements Firewall {
  applied: Allowlist | null = null;
  applyCount = 0;
  failApply = false;
  async apply(allowlist: Allowlist) {
    if (this.failApply) throw new Error('nft: Operation not permitted');
    this.applyCount += 1;
    this.applied = allowlist;
  }
  async remove() {
    this.applied = null;
  }
  async isApplied() {
    return this.applied !== null;
  }
}

/** The console user the test helper admits (and believes every peer to be). */
export const CONSOLE_UID = 1000;

/** What the helper runs at start: setfacl on its socket, getent for the console user's name. */
export const helperHost = (socketPath: string): FakeHost =>
  new FakeHost({
    commands: [
      { file: 'setfacl', args: ['--set', `u::rw-,g::---,o::---,u:${CONSOLE_UID}:rw-,m::rw-`, socketPath] },
      { file: 'getent', args: ['passwd', String(CONSOLE_UID)], stdout: `tanaka:x:${CONSOLE_UID}:${CONSOLE_UID}:田中:/home/tanaka:/bin/bash\n` },
    ],
  });

/** An isolation a test does not expect to be used: any use fails the test's report or call. */
export const unusedIsolation: IsolationControl = {
  isolate: async () => Promise.reject(new Error('isolation is not part of this test')),
  status: async () => Promise.reject(new Error('isolation is not part of this test')),
  release: async () => Promise.reject(new Error('isolation is not part of this test')),
};

export interface TestHelper {
  socketPath: string;
  firewall: FakeFirewall;
  /** Isolates as the console user would, through the socket (as a report from elsewhere, e.g. the CLI, does). */
  isolate(): Promise<void>;
  /** The audit log, one "action:result:user" per entry. */
  audit(): Promise<string[]>;
  stop(): Promise<void>;
}

/**
 * The real isolation helper: its socket server, protocol, IsolationService, state file, release-code
 * check with its rate limit, and audit log, in a temporary folder. Two boundaries are stand-ins:
 * the firewall (FakeFirewall), and who the peer is (always the console user tanaka, uid 1000: the real
 * kernel lookup would see root here, and root needs no code). netns.test.ts runs it all for real.
 */
export async function startTestHelper(options: { releaseCode?: string } = {}): Promise<TestHelper> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-test-helper-'));
  const stateDir = path.join(dir, 'state');
  await ensureStateDir(stateDir, process.getuid!());
  mkdirSync(path.join(dir, 'run'), { mode: 0o755 });
  const socketPath = path.join(dir, 'run', 'helper.sock');
  // The cheapest scrypt cost the helper accepts: the code check stays real, the test stays fast.
  const releaseCodeHash = options.releaseCode === undefined ? undefined : await hashReleaseCode(options.releaseCode, { ln: 10, r: 8, p: 1 });
  const inputs: IsolationInputs = {
    channels: [{ type: 'https', url: 'https://192.0.2.10/reports' }],
    settings: { allow: [], dns: [], ...(releaseCodeHash !== undefined && { releaseCodeHash }) },
    source: 'test',
    problems: [],
  };
  const firewall = new FakeFirewall();
  const audit = new AuditLog(stateDir);
  const service = new IsolationService({ firewall, store: new StateStore(stateDir), audit, inputs: async () => inputs, resolve: async () => [] });
  const channel = new LinuxSocketChannel({
    socketPath,
    host: helperHost(socketPath),
    consoleUsers: fixedConsoleUsers([CONSOLE_UID]),
    identify: async () => ({ ok: true, peer: { uid: CONSOLE_UID, pids: [process.pid] } }),
    ownerUid: process.getuid!(),
  });
  const helper = new Helper({ channel, service, watchdogMs: 0 });
  await helper.start();
  return {
    socketPath,
    firewall,
    isolate: async () => {
      const call = await callHelper({ op: 'isolate', reason: 'test' }, { socketPath });
      if (call.kind !== 'response' || !call.response.ok) throw new Error(`test helper did not isolate: ${JSON.stringify(call)}`);
    },
    audit: async () => (await audit.read()).map((e) => `${e.action}:${e.result}:${e.actor.user}`),
    stop: async () => {
      await helper.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What a channel handed to the service: each call with who the channel said the caller is. */
export interface ServiceCall {
  op: string;
  actor?: Actor;
  admin?: boolean;
}

/** What recordingService answers to everything. */
export const OK_STATUS: Outcome = { ok: true, status: { isolated: false, enforced: false, allowed: [], releasableWithCode: true, warnings: [] } };

/** A service that only records its calls: for channel tests, where who the caller is is the point. */
export function recordingService(calls: ServiceCall[]): IsolationService {
  return {
    status: async () => (calls.push({ op: 'status' }), OK_STATUS),
    isolate: async (actor: Actor) => (calls.push({ op: 'isolate', actor }), OK_STATUS),
    release: async (caller: Caller) => (calls.push({ op: 'release', actor: caller.actor, admin: caller.admin }), OK_STATUS),
    enforce: async () => undefined,
  } as unknown as IsolationService;
}
