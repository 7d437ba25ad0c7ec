import type { IsolationView, ReleaseResult } from '../../shared/isolation';
import type { ClientOptions, IsolateOptions, IsolateResult } from '../isolation/client';
import type { Status } from '../isolation/protocol';

/**
 * What a staff member may do about network isolation, all through the privileged helper
 * (src/node/isolation): cut the network, ask whether it is cut, lift it with the policy's release
 * code. The helper decides, rate-limits wrong codes and audits every attempt; nothing here trusts
 * the caller. The tray (AgentService) and the CLI (`mamori report`, `mamori isolation`) use it.
 */
export interface IsolationControl {
  isolate(reason: string): Promise<IsolateResult>;
  status(): Promise<HelperStatus>;
  release(code: string): Promise<ReleaseResult>;
}

/** The helper's status, or why it could not be had (no helper, not allowed on its socket, an error). */
export type HelperStatus = { ok: true; status: Status } | { ok: false; detail: string };

// The helper's client is loaded on first use: AgentService (and with it `mamori watch`, which never isolates) imports this module.
const client = () => import('../isolation/client.js');

export async function helperStatus(options: ClientOptions = {}): Promise<HelperStatus> {
  const call = await (await client()).requestStatus(options);
  if (call.kind !== 'response') return { ok: false, detail: `${call.kind}: ${call.detail}` };
  return call.response.ok ? { ok: true, status: call.response.status } : { ok: false, detail: call.response.error };
}

/** The part of the status a window shows. */
export const isolationView = (s: HelperStatus): IsolationView =>
  s.ok ? { helper: 'available', isolated: s.status.isolated, releasableWithCode: s.status.releasableWithCode } : { helper: 'unavailable' };

/** Sends the code to the helper; its answer becomes one of the closed results staff are shown. */
export async function releaseWithCode(code: string, options: ClientOptions = {}): Promise<ReleaseResult> {
  const call = await (await client()).requestRelease(code, options);
  // EACCES on the socket: the kernel refused us (not the console user), as the helper would.
  if (call.kind === 'refused') return { result: 'not-authorized' };
  if (call.kind !== 'response') return { result: 'helper-unavailable' };
  const answer = call.response;
  if (answer.ok) return { result: 'released' };
  switch (answer.error) {
    case 'bad-code':
      return answer.retryAfterSeconds === undefined ? { result: 'bad-code' } : { result: 'bad-code', retryAfterSeconds: answer.retryAfterSeconds };
    case 'rate-limited':
      return { result: 'rate-limited', retryAfterSeconds: answer.retryAfterSeconds ?? 0 };
    case 'not-isolated':
    case 'no-release-code':
    case 'not-authorized':
      return { result: answer.error };
    default:
      // remove-failed, audit-failed, internal…: the helper kept the isolation; an administrator must look.
      return { result: 'failed' };
  }
}

/** The helper at its socket (the default path, or another one for tests and unusual installs). */
export const helperControl = (options: IsolateOptions): IsolationControl => ({
  isolate: async (reason) => (await client()).requestIsolation(reason, options),
  status: () => helperStatus(options),
  release: (code) => releaseWithCode(code, options),
});

/**
 * For `mamori watch`: a headless watcher is no place where a user presses the infection button, so it
 * never cuts the network (its automatic reports never ask to) and has no isolation to show or lift.
 */
export const noIsolation: IsolationControl = {
  isolate: async () => Promise.reject(new Error('mamori watch does not isolate this PC')),
  status: async () => ({ ok: false, detail: 'mamori watch does not isolate this PC' }),
  release: async () => ({ result: 'helper-unavailable' }),
};
