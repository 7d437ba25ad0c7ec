import { execFile, execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashReleaseCode } from '../../../src/node/isolation/release-code';
import { renderNftRuleset } from '../../../src/node/isolation/nftables';
import { examplePolicyInput, repoRoot } from '../../support/policy';

/**
 * Linux isolation for real: three network namespaces created here ("pc", "csirt", "internet") joined
 * by veth pairs, with 10.203.0.0/24 and fd00:203::/48 addresses that exist only inside them (no
 * route or address is added to the machine's own namespace). The real helper (out/, built by the
 * test setup) runs inside "pc" and isolates it with nftables; curl inside "pc" checks what it reaches.
 */

const execFileP = promisify(execFile);
const id = randomBytes(3).toString('hex');
const NS = { pc: `mamori-${id}-pc`, csirt: `mamori-${id}-csirt`, internet: `mamori-${id}-inet` };
const CSIRT_V4 = '10.203.0.2';
const INTERNET_V4 = '10.203.0.6';
const CSIRT_V6 = 'fd00:203:0:1::2';
const INTERNET_V6 = 'fd00:203:0:2::2';
const CSIRT_NAME = 'csirt.mamori.test';
const CONSOLE_UID = 65534; // nobody: the "logged-in user" of this test
const OTHER_UID = 65533;
const RELEASE_CODE = 'correct-horse-42';
const HELPER_MAIN = path.join(repoRoot, 'out/src/node/isolation/helper-main.js');
const CALL_HELPER = path.join(__dirname, 'fixtures/call-helper.js');
const TINY_SERVER = path.join(__dirname, 'fixtures/tiny-server.js');

function prerequisites(): string | null {
  if (process.platform !== 'linux') return 'not Linux';
  if (process.getuid?.() !== 0) return 'needs root (network namespaces and nftables)';
  for (const [tool, args] of [['nft', ['--version']], ['curl', ['--version']], ['setpriv', ['--version']], ['ss', ['-V']]] as const) {
    if (spawnSync(tool, args).status !== 0) return `${tool} is not installed (apt-get install nftables curl util-linux iproute2)`;
  }
  const probe = `mamori-${id}-probe`;
  const add = spawnSync('ip', ['netns', 'add', probe], { encoding: 'utf8' });
  if (add.status !== 0) return `ip netns add is not available: ${(add.stderr || String(add.error)).trim()}`;
  const nft = spawnSync('ip', ['netns', 'exec', probe, 'nft', 'list', 'tables'], { encoding: 'utf8' });
  spawnSync('ip', ['netns', 'del', probe]);
  if (nft.status !== 0) return `nftables does not work in a network namespace: ${nft.stderr.trim()}`;
  return null;
}

const skipReason = prerequisites();
const sh = (file: string, args: string[]) => execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000 });
const inNs = (ns: string, file: string, args: string[]) => sh('ip', ['netns', 'exec', ns, file, ...args]);

type Reach = 'blocked' | 'refused' | string;
/** What curl in the pc namespace gets from a URL: the body, "blocked" (dropped: timeout) or "refused". */
async function reach(url: string): Promise<Reach> {
  try {
    const { stdout } = await execFileP('ip', ['netns', 'exec', NS.pc, 'curl', '-sS', '-g', '--max-time', '1.5', url], { encoding: 'utf8' });
    return stdout;
  } catch (e) {
    const code = (e as { code?: number }).code;
    return code === 28 ? 'blocked' : code === 7 ? 'refused' : `curl exit ${code}`;
  }
}

const URLS = {
  csirtReport: `http://${CSIRT_V4}:8443/`,
  csirtSyslogV6: `http://[${CSIRT_V6}]:6514/`,
  csirtOtherPort: `http://${CSIRT_V4}:8080/`,
  internet: `http://${INTERNET_V4}:8080/`,
  internetV6: `http://[${INTERNET_V6}]:8080/`,
};
const reachAll = async () => Object.fromEntries(await Promise.all(Object.entries(URLS).map(async ([k, u]) => [k, await reach(u)] as const)));
const ALL_REACHABLE = { csirtReport: 'csirt:8443', csirtSyslogV6: 'csirt:6514', csirtOtherPort: 'csirt:8080', internet: 'internet:8080', internetV6: 'internet:8080' };
const ISOLATED = { csirtReport: 'csirt:8443', csirtSyslogV6: 'csirt:6514', csirtOtherPort: 'blocked', internet: 'blocked', internetV6: 'blocked' };

describe.skipIf(skipReason !== null)(`Linux isolation in network namespaces${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const children: ChildProcess[] = [];
  const timings: Record<string, number> = {};
  let tmp = '';
  let dirs: { etc: string; run: string; state: string; socket: string };
  let helper: ChildProcess | undefined;
  let helperLog = '';
  let createdEtcNetns = false;

  function startChild(ns: string, args: string[]): ChildProcess {
    const child = spawn('ip', ['netns', 'exec', ns, process.execPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    return child;
  }

  const waitFor = (child: ChildProcess, pattern: RegExp, what: string, timeoutMs = 15_000) =>
    new Promise<void>((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => reject(new Error(`${what} not ready after ${timeoutMs} ms:\n${seen}`)), timeoutMs);
      const onData = (d: Buffer) => {
        seen += d.toString();
        if (pattern.test(seen)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${what} exited (${code}):\n${seen}`));
      });
    });

  async function startHelper(): Promise<void> {
    helper = startChild(NS.pc, [
      HELPER_MAIN, 'run',
      '--socket', dirs.socket,
      '--state-dir', dirs.state,
      '--policy', path.join(dirs.etc, 'policy.json'),
      '--last-good', path.join(dirs.state, 'policy.last-good.json'),
      '--console-uid', String(CONSOLE_UID),
      '--watchdog-ms', '300',
    ]);
    helper.stderr?.on('data', (d: Buffer) => (helperLog += d.toString()));
    await waitFor(helper, /"event":"ready"/, 'helper');
  }

  /**
   * The tray's client, run as `uid` in the pc namespace, as on a real PC where the tray and the helper
   * share one network namespace (the helper identifies peers through that namespace's sock_diag).
   */
  async function call(uid: number, request: object): Promise<{ kind: string; detail?: string; response?: { ok: boolean; error?: string; status?: { isolated: boolean; allowed: string[] } } }> {
    const args = ['netns', 'exec', NS.pc, 'setpriv', `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', process.execPath, CALL_HELPER, dirs.socket, JSON.stringify(request)];
    const { stdout } = await execFileP('ip', args, { encoding: 'utf8' });
    return JSON.parse(stdout);
  }

  const tablePresent = () => spawnSync('ip', ['netns', 'exec', NS.pc, 'nft', 'list', 'table', 'inet', 'mamori_isolation']).status === 0;

  beforeAll(async () => {
    expect(existsSync(HELPER_MAIN), `${HELPER_MAIN} missing: run npm run build`).toBe(true);
    tmp = mkdtempSync(path.join(os.tmpdir(), 'mamori-netns-'));
    chmodSync(tmp, 0o755); // the test user must reach the socket folder, as /run/mamori
    dirs = { etc: path.join(tmp, 'etc'), run: path.join(tmp, 'run'), state: path.join(tmp, 'state'), socket: path.join(tmp, 'run', 'helper.sock') };
    mkdirSync(dirs.etc, { mode: 0o755 });
    mkdirSync(dirs.run, { mode: 0o755 });

    for (const ns of Object.values(NS)) {
      sh('ip', ['netns', 'add', ns]);
      sh('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    }
    // pc <-> csirt and pc <-> internet, created directly inside the namespaces.
    const links = [
      { peer: NS.csirt, a: `mc${id}a`, b: `mc${id}b`, pc4: '10.203.0.1/30', peer4: `${CSIRT_V4}/30`, pc6: 'fd00:203:0:1::1/64', peer6: `${CSIRT_V6}/64` },
      { peer: NS.internet, a: `mi${id}a`, b: `mi${id}b`, pc4: '10.203.0.5/30', peer4: `${INTERNET_V4}/30`, pc6: 'fd00:203:0:2::1/64', peer6: `${INTERNET_V6}/64` },
    ];
    for (const l of links) {
      sh('ip', ['link', 'add', l.a, 'netns', NS.pc, 'type', 'veth', 'peer', 'name', l.b, 'netns', l.peer]);
      sh('ip', ['-n', NS.pc, 'addr', 'add', l.pc4, 'dev', l.a]);
      sh('ip', ['-n', NS.pc, 'addr', 'add', l.pc6, 'dev', l.a, 'nodad']);
      sh('ip', ['-n', l.peer, 'addr', 'add', l.peer4, 'dev', l.b]);
      sh('ip', ['-n', l.peer, 'addr', 'add', l.peer6, 'dev', l.b, 'nodad']);
      sh('ip', ['-n', NS.pc, 'link', 'set', l.a, 'up']);
      sh('ip', ['-n', l.peer, 'link', 'set', l.b, 'up']);
    }
    // The CSIRT's syslog host is named in the policy: resolved by the helper from the pc namespace's hosts file
    // (`ip netns exec` mounts /etc/netns/<name>/hosts over /etc/hosts for that namespace only).
    createdEtcNetns = !existsSync('/etc/netns');
    mkdirSync(`/etc/netns/${NS.pc}`, { recursive: true });
    writeFileSync(`/etc/netns/${NS.pc}/hosts`, `127.0.0.1 localhost\n${CSIRT_V4} ${CSIRT_NAME}\n${CSIRT_V6} ${CSIRT_NAME}\n`);

    const servers = [startChild(NS.csirt, [TINY_SERVER, 'csirt', '8443', '6514', '8080']), startChild(NS.internet, [TINY_SERVER, 'internet', '8080'])];
    await Promise.all(servers.map((s, i) => waitFor(s, /ready/, `server ${i}`)));

    const policy = examplePolicyInput();
    policy.reporting = {
      channels: [
        { type: 'https', url: `https://${CSIRT_V4}:8443/mamori/reports` },
        { type: 'syslog-tls', host: CSIRT_NAME, port: 6514 },
      ],
      isolation: { allow: [], dns: [], releaseCodeHash: await hashReleaseCode(RELEASE_CODE) },
    };
    writeFileSync(path.join(dirs.etc, 'policy.json'), JSON.stringify(policy), { mode: 0o644 });
  }, 60_000);

  afterAll(() => {
    // Every step on its own, so one failing never leaves namespaces, servers or files behind.
    const steps: Array<() => void> = [
      () => children.forEach((c) => c.exitCode === null && c.signalCode === null && c.kill('SIGKILL')),
      ...Object.values(NS).map((ns) => () => void spawnSync('ip', ['netns', 'del', ns])),
      () => rmSync(`/etc/netns/${NS.pc}`, { recursive: true, force: true }),
      () => createdEtcNetns && rmdirSync('/etc/netns'), // only if empty: anything someone else put there stays
      () => tmp && rmSync(tmp, { recursive: true, force: true }),
    ];
    for (const step of steps) {
      try {
        step();
      } catch {
        // go on with the rest
      }
    }
    const inHelper = helperLog.split('\n').filter((l) => /"event":"(connected|request)"/.test(l)).map((l) => {
      const e = JSON.parse(l) as { event: string; op?: string; ms: number };
      return `${e.op ?? 'identify'}:${e.ms}`;
    });
    console.log(`netns isolation timings (ms), as the client sees them: ${JSON.stringify(timings)}; inside the helper: ${inHelper.join(' ')}`);
  });

  it('the rendered ruleset (every rule kind) passes nft --check', () => {
    const file = path.join(tmp, 'check.nft');
    writeFileSync(file, renderNftRuleset({
      endpoints: [
        { ip: '192.0.2.10', family: 4, protocol: 'tcp', port: 443, host: 'a', source: 'reporting:https' },
        { ip: '192.0.2.11', family: 4, protocol: 'udp', host: 'b', source: 'allow' },
        { ip: '2001:db8::53', family: 6, protocol: 'udp', port: 53, host: '2001:db8::53', source: 'dns' },
        { ip: '2001:db8::54', family: 6, protocol: 'tcp', host: 'c', source: 'allow' },
      ],
    }));
    expect(() => inNs(NS.pc, 'nft', ['--check', '-f', file])).not.toThrow();
  });

  it('isolates, survives a killed helper and a lost ruleset, and releases only with the right code', async () => {
    let t = Date.now();
    expect(await reachAll()).toEqual(ALL_REACHABLE);

    await startHelper();
    timings.helperStart = Date.now() - t;

    // Only root and the console user get in; anyone else is stopped by the socket's permissions.
    expect((await call(OTHER_UID, { op: 'status' })).kind).toBe('refused');
    const before = await call(CONSOLE_UID, { op: 'status' });
    expect(before.response).toMatchObject({ ok: true, status: { isolated: false } });
    // A request cannot bring its own endpoints.
    expect((await call(CONSOLE_UID, { op: 'isolate', reason: 'x', allow: [{ host: INTERNET_V4 }] })).response).toMatchObject({ ok: false, error: 'bad-request' });

    t = Date.now();
    const isolated = await call(CONSOLE_UID, { op: 'isolate', reason: '感染の疑い（テスト）' });
    timings.isolate = Date.now() - t;
    expect(isolated.response).toMatchObject({ ok: true, status: { isolated: true } });
    expect(isolated.response!.status!.allowed.sort()).toEqual(
      [`${CSIRT_V4} 8443/tcp`, `${CSIRT_V4} 6514/tcp (${CSIRT_NAME})`, `[${CSIRT_V6}] 6514/tcp (${CSIRT_NAME})`].sort(),
    );
    t = Date.now();
    expect(await reachAll()).toEqual(ISOLATED);
    timings.probeIsolated = Date.now() - t;

    // The helper dies: the rules stay in the kernel.
    helper!.kill('SIGKILL');
    await new Promise((r) => helper!.once('exit', r));
    expect(tablePresent()).toBe(true);
    expect(await reachAll()).toEqual(ISOLATED);

    // A reboot loses the kernel's ruleset; the helper's start puts it back from the state before serving.
    inNs(NS.pc, 'nft', ['delete', 'table', 'inet', 'mamori_isolation']);
    t = Date.now();
    await startHelper();
    timings.restartAndReapply = Date.now() - t;
    expect(tablePresent()).toBe(true);
    expect(await reachAll()).toEqual(ISOLATED);

    // Something flushes the ruleset while the helper runs: the watchdog puts it back.
    inNs(NS.pc, 'nft', ['delete', 'table', 'inet', 'mamori_isolation']);
    t = Date.now();
    while (!tablePresent() && Date.now() - t < 5000) await new Promise((r) => setTimeout(r, 50));
    timings.watchdogRestore = Date.now() - t;
    expect(tablePresent()).toBe(true);

    const wrong = await call(CONSOLE_UID, { op: 'release', code: 'wrong-code-1' });
    expect(wrong.response).toMatchObject({ ok: false, error: 'bad-code' });
    expect(await reach(URLS.internet)).toBe('blocked');

    t = Date.now();
    const released = await call(CONSOLE_UID, { op: 'release', code: ` ${RELEASE_CODE} ` });
    timings.release = Date.now() - t;
    expect(released.response).toMatchObject({ ok: true, status: { isolated: false, enforced: false } });
    expect(tablePresent()).toBe(false);
    expect(await reachAll()).toEqual(ALL_REACHABLE);

    // Files: state folder 0700, state and rules 0600, all root's.
    expect(statSync(dirs.state).mode & 0o777).toBe(0o700);
    for (const f of ['isolation.json', 'isolation.nft', 'isolation-audit.jsonl']) {
      const s = statSync(path.join(dirs.state, f));
      expect([f, s.mode & 0o777, s.uid]).toEqual([f, 0o600, 0]);
    }
    // The socket: root's, no rights for group or others; only the console user has an ACL entry.
    expect(statSync(dirs.socket).uid).toBe(0);
    expect(sh('getfacl', ['-cn', dirs.socket]).trim().split('\n')).toEqual(['user::rw-', `user:${CONSOLE_UID}:rw-`, 'group::---', 'mask::rw-', 'other::---']);

    const audit = readFileSync(path.join(dirs.state, 'isolation-audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const summary = audit.map((e) => `${e.action}:${e.result}:${(e.actor as { user: string }).user}`);
    expect(summary).toEqual([
      'isolate:ok:nobody',
      'reapply:ok:root',
      'enforce:ok:root',
      'release:denied:nobody',
      'release:authorized:nobody',
      'release:ok:nobody',
    ]);
    expect(audit[0]).toMatchObject({ reason: '感染の疑い（テスト）', actor: { uid: CONSOLE_UID, via: 'socket' } });
    for (const e of audit) expect(Date.parse(e.time as string)).not.toBeNaN();

    helper!.kill('SIGTERM');
    await new Promise((r) => helper!.once('exit', r));
    expect(helperLog).not.toMatch(/"event":"(fatal|request-error|identify-error)"/);
  }, 120_000);

  it('an administrator (root) releases from the command line, with or without the helper running', async () => {
    await startHelper();
    expect((await call(CONSOLE_UID, { op: 'isolate', reason: 'second incident' })).response).toMatchObject({ ok: true });
    const cli = (extra: string[]) =>
      execFileP('ip', ['netns', 'exec', NS.pc, process.execPath, HELPER_MAIN, 'release', '--socket', dirs.socket, '--state-dir', dirs.state,
        '--policy', path.join(dirs.etc, 'policy.json'), '--last-good', path.join(dirs.state, 'policy.last-good.json'), ...extra], { encoding: 'utf8' });
    // Through the running helper: it sees uid 0 and needs no code.
    expect(JSON.parse((await cli(['--reason', 'CSIRT: host is clean'])).stdout)).toMatchObject({ kind: 'response', response: { ok: true, status: { isolated: false } } });
    expect(await reach(URLS.internet)).toBe('internet:8080');

    // With no helper running: directly on the state, the table and the audit log.
    expect((await call(CONSOLE_UID, { op: 'isolate', reason: 'third incident' })).response).toMatchObject({ ok: true });
    helper!.kill('SIGTERM');
    await new Promise((r) => helper!.once('exit', r));
    expect(tablePresent()).toBe(true);
    expect(JSON.parse((await cli(['--reason', 'CSIRT: reimaged'])).stdout)).toEqual({ kind: 'local', ok: true });
    expect(tablePresent()).toBe(false);
    expect(await reach(URLS.internet)).toBe('internet:8080');
    const audit = readFileSync(path.join(dirs.state, 'isolation-audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { action: string; result: string; actor: { user: string; via: string }; reason?: string });
    expect(audit.slice(-6).map((e) => `${e.action}:${e.result}:${e.actor.user}:${e.actor.via}`)).toEqual([
      'isolate:ok:nobody:socket',
      'release:authorized:root:socket',
      'release:ok:root:socket',
      'isolate:ok:nobody:socket',
      'release:authorized:root:local-admin',
      'release:ok:root:local-admin',
    ]);
    expect(audit.at(-1)!.reason).toBe('CSIRT: reimaged');
  }, 60_000);
});
