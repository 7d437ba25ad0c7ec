import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Platform } from '../../shared/checks';
import { LiveHost } from '../host/live-host';
import { startMachinePolicyUpdates } from '../policy/machine-updates';
import { releaseAsAdmin } from './admin';
import { callHelper } from './client';
import { helperEndpoint, type EndpointOverrides } from './connect';
import { Helper } from './helper';
import { DEFAULT_SCRYPT, hashReleaseCode } from './release-code';
import { helperPlatform, inputFiles, isolationService, machineTrust } from './wiring';

/**
 * mamori-helper: the privileged isolation helper, one program for the three OSes (docs/isolation.md).
 * Supervised by systemd (build/linux/), launchd (build/mac/) or the Task Scheduler (build/win/).
 *
 *   mamori-helper run       [options]   re-apply recorded isolation, then serve; policy updates
 *   mamori-helper reapply   [options]   re-apply recorded isolation and exit (Linux: ExecStartPre)
 *   mamori-helper status    [options]   print the helper's status (JSON)
 *   mamori-helper release   --reason TEXT [options]   administrator release, through the helper or directly
 *   mamori-helper hash-release-code     read a code on stdin, print the policy's releaseCodeHash
 *
 * options: --socket PATH (Linux, macOS) --admin-socket PATH (macOS) --token-dir DIR (Windows)
 *          --state-dir DIR --policy FILE --last-good FILE --default-policy FILE --policy-cache DIR
 *          --console-uid UID (Linux, repeatable; instead of loginctl) --watchdog-ms N --log-file FILE
 */
const USAGE = 'usage: mamori-helper run|reapply|status|release|hash-release-code [options] (see docs/isolation.md)';

/** A log file is started afresh (the old one kept as .1) when it passed this size. */
const LOG_ROTATE_BYTES = 10 * 1024 * 1024;

/** JSON lines: to stderr (journald, launchd), or to a file where nothing keeps stderr (the Windows task). */
function makeLog(file: string | undefined): (event: Record<string, unknown>) => void {
  if (file) {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    if ((statSync(file, { throwIfNoEntry: false })?.size ?? 0) > LOG_ROTATE_BYTES) renameSync(file, `${file}.1`);
  }
  return (event) => {
    const line = `${JSON.stringify({ time: new Date().toISOString(), ...event })}\n`;
    if (file) appendFileSync(file, line, { mode: 0o600 });
    else process.stderr.write(line);
  };
}

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
      socket: { type: 'string' },
      'admin-socket': { type: 'string' },
      'token-dir': { type: 'string' },
      'state-dir': { type: 'string' },
      policy: { type: 'string' },
      'last-good': { type: 'string' },
      'default-policy': { type: 'string' },
      'policy-cache': { type: 'string' },
      'console-uid': { type: 'string', multiple: true },
      'watchdog-ms': { type: 'string', default: '10000' },
      'log-file': { type: 'string' },
      reason: { type: 'string' },
    },
  });
  const command = positionals[0] ?? 'run';
  const host = new LiveHost();
  const platform = helperPlatform(process.platform as Platform);
  const log = makeLog(values['log-file']);
  const stateDir = values['state-dir'] ?? platform.stateDir;
  const endpoints: EndpointOverrides = { socketPath: values.socket, adminSocketPath: values['admin-socket'], tokenDir: values['token-dir'] };
  const files = {
    ...(values.policy ? { policyFile: values.policy } : {}),
    ...(values['last-good'] ? { lastGoodFile: values['last-good'] } : {}),
    ...(values['default-policy'] ? { defaultFile: values['default-policy'] } : {}),
    ...(values['policy-cache'] ? { updateCacheDir: values['policy-cache'] } : {}),
  };

  if (command === 'hash-release-code') {
    process.stdout.write(`${await hashReleaseCode(await readStdin(), DEFAULT_SCRYPT)}\n`);
    return 0;
  }
  if (command === 'status') {
    const call = await callHelper({ op: 'status' }, { endpoint: helperEndpoint(platform.os, 'console', endpoints) });
    process.stdout.write(`${JSON.stringify(call, null, 2)}\n`);
    return call.kind === 'response' && call.response.ok ? 0 : 1;
  }
  if (!(await platform.isAdmin(host))) {
    process.stderr.write('mamori-helper: must run as root (on Windows: as an elevated administrator or SYSTEM)\n');
    return 2;
  }
  if (command === 'release') {
    if (!values.reason) {
      process.stderr.write('mamori-helper release: --reason is required (it goes to the audit log)\n');
      return 2;
    }
    const result = await releaseAsAdmin({ platform, host, reason: values.reason, endpoint: endpoints, stateDir, files });
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return (result.kind === 'local' && result.ok) || (result.kind === 'response' && result.response.ok) ? 0 : 1;
  }
  if (command !== 'run' && command !== 'reapply') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }

  await platform.secureStateDir(host, stateDir);
  const service = isolationService(platform, { host, stateDir, files, log });
  // Recorded isolation is back in force before anything else (at boot, before the network is up on Linux).
  const reapplied = await service.reapply();
  log({ event: 'reapply', ok: reapplied.ok, ...(reapplied.ok ? { isolated: reapplied.status.isolated } : { error: reapplied.error, detail: reapplied.detail }) });
  if (command === 'reapply') return reapplied.ok ? 0 : 1;

  const consoleUids = (values['console-uid'] ?? []).map(Number);
  if (consoleUids.some((u) => !Number.isInteger(u) || u <= 0)) {
    process.stderr.write('mamori-helper: --console-uid takes a positive uid\n');
    return 2;
  }
  const channel = platform.channel({ host, log, ...endpoints, ...(consoleUids.length > 0 ? { consoleUids } : {}) });
  const helper = new Helper({ channel, service, watchdogMs: Number(values['watchdog-ms']), log });
  await helper.start();
  log({ event: 'ready', os: platform.os, channel: channel.description });

  // Updates never hold up isolation: a failure here is logged and the policy in force stays.
  const machineFiles = inputFiles(platform.os, files);
  const updates = await startMachinePolicyUpdates({
    files: { ...machineFiles, updateCacheDir: machineFiles.updateCacheDir! },
    trust: () => machineTrust(platform.os),
    prepareCacheDir: (dir) => platform.securePublicDir(host, dir),
    log,
  }).catch((e: unknown) => {
    log({ event: 'policy-updates-failed', error: String(e) });
    return null;
  });

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  // Stopping the helper never lifts isolation: the rules stay in the firewall.
  updates?.stop();
  await helper.stop();
  log({ event: 'stopped' });
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), event: 'fatal', error: e instanceof Error ? (e.stack ?? e.message) : String(e) })}\n`);
      process.exit(1);
    },
  );
}
