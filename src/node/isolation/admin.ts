import os from 'node:os';
import type { Host } from '../host/host';
import { callHelper, type HelperCall } from './client';
import { helperEndpoint, type EndpointOverrides } from './connect';
import type { InputFiles } from './inputs';
import type { HelperPlatform } from './platform';
import { isolationService } from './wiring';

export interface AdminReleaseOptions {
  platform: HelperPlatform;
  host: Host;
  reason: string;
  endpoint?: EndpointOverrides;
  stateDir?: string;
  files?: Partial<InputFiles>;
}

export type AdminRelease = HelperCall | { kind: 'local'; ok: boolean; detail?: string };

/**
 * An administrator lifts isolation from an elevated shell (`mamori-helper release --reason …`).
 * Through the running helper when there is one (over the administrators' way in: root's uid on
 * Linux, root's socket on macOS, the admin token on Windows), so that its watchdog cannot put the
 * rules back in between; with no helper running, directly on the same state, firewall and audit log.
 */
export async function releaseAsAdmin(options: AdminReleaseOptions): Promise<AdminRelease> {
  const { platform, host, reason } = options;
  if (!(await platform.isAdmin(host))) return { kind: 'local', ok: false, detail: 'only an administrator can release without the code' };
  const call = await callHelper({ op: 'release', reason }, { endpoint: helperEndpoint(platform.os, 'admin', options.endpoint) });
  if (call.kind !== 'absent') return call;
  const stateDir = options.stateDir ?? platform.stateDir;
  await platform.secureStateDir(host, stateDir);
  const service = isolationService(platform, { host, stateDir, ...(options.files ? { files: options.files } : {}) });
  // This process's own account (root, or the elevated Windows user): what the OS says we run as.
  const uid = process.getuid?.();
  const actor = { ...(uid !== undefined ? { uid } : {}), user: os.userInfo().username, via: 'local-admin' as const };
  const outcome = await service.release({ actor, admin: true }, undefined, reason);
  return outcome.ok ? { kind: 'local', ok: true } : { kind: 'local', ok: false, detail: outcome.error };
}
