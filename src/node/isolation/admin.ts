import type { Host } from '../host/host';
import { callHelper, type HelperCall } from './client';
import type { InputFiles } from './inputs';
import { DEFAULT_STATE_DIR, ensureStateDir } from './state';
import { linuxIsolationService } from './wiring';

export interface AdminReleaseOptions {
  host: Host;
  reason: string;
  socketPath?: string;
  stateDir?: string;
  files?: Partial<InputFiles>;
  getuid?: () => number;
}

export type AdminRelease = HelperCall | { kind: 'local'; ok: boolean; detail?: string };

/**
 * An administrator lifts isolation from a root shell (`mamori-helper release --reason …`). Through
 * the running helper when there is one (it sees uid 0 and needs no code); with no helper running,
 * directly on the same state, firewall table and audit log.
 */
export async function releaseAsAdmin(options: AdminReleaseOptions): Promise<AdminRelease> {
  const uid = (options.getuid ?? process.getuid)?.() ?? -1;
  if (uid !== 0) return { kind: 'local', ok: false, detail: 'only root can release without the code' };
  const call = await callHelper({ op: 'release', reason: options.reason }, options.socketPath ? { socketPath: options.socketPath } : {});
  if (call.kind !== 'absent') return call;
  const service = linuxIsolationService({ host: options.host, ...(options.stateDir ? { stateDir: options.stateDir } : {}), ...(options.files ? { files: options.files } : {}) });
  await ensureStateDir(options.stateDir ?? DEFAULT_STATE_DIR);
  const outcome = await service.release({ uid: 0, user: 'root', via: 'local-admin' }, undefined, options.reason);
  return outcome.ok ? { kind: 'local', ok: true } : { kind: 'local', ok: false, detail: outcome.error };
}
