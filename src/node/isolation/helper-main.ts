import { parseArgs } from 'node:util';
import { LiveHost } from '../host/live-host';
import { releaseAsAdmin } from './admin';
import { callHelper } from './client';
import { fixedConsoleUsers, loginctlConsoleUsers } from './console-user';
import { Helper } from './helper';
import { DEFAULT_SOCKET_PATH } from './protocol';
import { DEFAULT_SCRYPT, hashReleaseCode } from './release-code';
import { DEFAULT_STATE_DIR, ensureStateDir } from './state';
import { linuxIsolationService } from './wiring';

/**
 * mamori-helper: the privileged isolation helper (Linux, root, systemd unit build/linux/mamori-helper.service).
 *
 *   mamori-helper run       [options]   re-apply recorded isolation, then serve the socket (the unit's ExecStart)
 *   mamori-helper reapply   [options]   re-apply recorded isolation and exit (the unit's ExecStartPre, before network-pre.target)
 *   mamori-helper status    [--socket]  print the helper's status (JSON)
 *   mamori-helper release   --reason TEXT [options]   administrator release (root), through the helper or directly
 *   mamori-helper hash-release-code     read a code on stdin, print the policy's releaseCodeHash
 *
 * options: --socket PATH --state-dir DIR --policy FILE --last-good FILE --default-policy FILE
 *          --console-uid UID (repeatable; instead of loginctl) --watchdog-ms N
 */
const USAGE = 'usage: mamori-helper run|reapply|status|release|hash-release-code [options] (see docs/isolation.md)';

const log = (event: Record<string, unknown>) => process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...event })}\n`);

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      socket: { type: 'string', default: DEFAULT_SOCKET_PATH },
      'state-dir': { type: 'string', default: DEFAULT_STATE_DIR },
      policy: { type: 'string' },
      'last-good': { type: 'string' },
      'default-policy': { type: 'string' },
      'console-uid': { type: 'string', multiple: true },
      'watchdog-ms': { type: 'string', default: '10000' },
      reason: { type: 'string' },
    },
  });
  const command = positionals[0] ?? 'run';
  const host = new LiveHost();
  const stateDir = values['state-dir'];
  const files = {
    ...(values.policy ? { policyFile: values.policy } : {}),
    ...(values['last-good'] ? { lastGoodFile: values['last-good'] } : {}),
    ...(values['default-policy'] ? { defaultFile: values['default-policy'] } : {}),
  };

  if (command === 'hash-release-code') {
    process.stdout.write(`${await hashReleaseCode(await readStdin(), DEFAULT_SCRYPT)}\n`);
    return 0;
  }
  if (command === 'status') {
    const call = await callHelper({ op: 'status' }, { socketPath: values.socket });
    process.stdout.write(`${JSON.stringify(call, null, 2)}\n`);
    return call.kind === 'response' && call.response.ok ? 0 : 1;
  }
  if (process.getuid?.() !== 0) {
    process.stderr.write('mamori-helper: must run as root\n');
    return 2;
  }
  if (command === 'release') {
    if (!values.reason) {
      process.stderr.write('mamori-helper release: --reason is required (it goes to the audit log)\n');
      return 2;
    }
    const result = await releaseAsAdmin({ host, reason: values.reason, socketPath: values.socket, stateDir, files });
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return (result.kind === 'local' && result.ok) || (result.kind === 'response' && result.response.ok) ? 0 : 1;
  }
  if (command !== 'run' && command !== 'reapply') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }

  await ensureStateDir(stateDir);
  const service = linuxIsolationService({ host, stateDir, files, log });
  // Recorded isolation is back in force before the socket opens (and, at boot, before the network is up).
  const reapplied = await service.reapply();
  log({ event: 'reapply', ok: reapplied.ok, ...(reapplied.ok ? { isolated: reapplied.status.isolated } : { error: reapplied.error, detail: reapplied.detail }) });
  if (command === 'reapply') return reapplied.ok ? 0 : 1;

  const consoleUids = (values['console-uid'] ?? []).map(Number);
  if (consoleUids.some((u) => !Number.isInteger(u) || u <= 0)) {
    process.stderr.write('mamori-helper: --console-uid takes a positive uid\n');
    return 2;
  }
  const helper = new Helper({
    socketPath: values.socket,
    service,
    host,
    consoleUsers: consoleUids.length > 0 ? fixedConsoleUsers(consoleUids) : loginctlConsoleUsers(host),
    watchdogMs: Number(values['watchdog-ms']),
    log,
  });
  await helper.start();
  log({ event: 'ready', socket: values.socket });
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  // Stopping the helper never lifts isolation: the rules stay in the kernel.
  await helper.stop();
  log({ event: 'stopped' });
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      log({ event: 'fatal', error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      process.exit(1);
    },
  );
}
