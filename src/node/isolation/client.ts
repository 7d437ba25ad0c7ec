import type { Platform } from '../../shared/checks';
import type { Unknown } from '../../shared/observed';
import { unknown } from '../../shared/observed';
import type { Host } from '../host/host';
import { runText } from '../probes/command';
import { helperEndpoint, openHelperConnection, type HelperEndpoint } from './connect';
import { Response, type Request, type Status, type Warning } from './protocol';

/** How a call to the helper went. `absent`: no helper runs (no socket, or nobody listening). */
export type HelperCall =
  | { kind: 'response'; response: Response }
  | { kind: 'absent'; detail: string }
  | { kind: 'refused'; detail: string }
  | { kind: 'failed'; detail: string };

export interface ClientOptions {
  /** A unix socket path (Linux tests, `mamori-helper --socket`); otherwise `endpoint`, else this OS's helper. */
  socketPath?: string;
  endpoint?: HelperEndpoint;
  timeoutMs?: number;
}

const endpointOf = (options: ClientOptions): HelperEndpoint =>
  options.endpoint ?? (options.socketPath !== undefined ? { kind: 'unix', socketPath: options.socketPath } : helperEndpoint(process.platform as Platform));

/** Sends one request to the helper and reads its one-line answer. Never throws. */
export async function callHelper(request: Request, options: ClientOptions = {}): Promise<HelperCall> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  const opened = await openHelperConnection(endpointOf(options), deadline);
  if (!opened.ok) return opened.kind === 'response' ? { kind: 'response', response: opened.response } : { kind: opened.kind, detail: opened.detail };
  const { socket, lines } = opened;
  try {
    socket.write(`${JSON.stringify(request)}\n`);
    const line = await lines.next(Math.max(0, deadline - Date.now()));
    if (line === null) {
      const why = lines.endReason;
      return { kind: 'failed', detail: why === 'timeout' ? 'TIMEOUT' : why === 'too-long' ? 'answer too long' : 'closed without an answer' };
    }
    try {
      const parsed = Response.safeParse(JSON.parse(line));
      return parsed.success ? { kind: 'response', response: parsed.data } : { kind: 'failed', detail: 'unexpected answer' };
    } catch {
      return { kind: 'failed', detail: 'answer is not JSON' };
    }
  } finally {
    socket.destroy();
  }
}

/**
 * What happened when the user asked to cut the network; `code` is a message-catalogue key the tray
 * and CLI show (see docs/isolation.md for the text):
 *   isolation.isolated            the helper's firewall isolation is in force; the report channel is kept
 *                                 (unless `reportChannelCut`, a VPN tunnel carries it)
 *   isolation.network-off-pull-cable  no helper: networking was turned off with the user's own rights,
 *                                 which the user can turn back on; pull the LAN cable; the report channel is cut
 *   isolation.pull-cable          nothing could be done here: pull the LAN cable and turn Wi-Fi off now
 */
export type IsolateResult =
  | { code: 'isolation.isolated'; via: 'helper'; reportChannelCut: boolean; status: Status; warnings: Warning[] }
  | { code: 'isolation.network-off-pull-cable'; via: 'fallback'; method: 'nmcli networking off'; reportChannelCut: true; userCanUndo: true; helper: HelperProblem }
  | { code: 'isolation.pull-cable'; via: 'none'; reportChannelCut: false; helper: HelperProblem; fallback: Unknown };

/** Why the helper did not isolate: not installed/running, refused us, or failed. */
export interface HelperProblem {
  kind: 'absent' | 'refused' | 'failed' | 'error';
  detail: string;
}

export interface IsolateOptions extends ClientOptions {
  host: Host;
  platform?: Platform;
}

/** Asks the helper to isolate; where it cannot, does what the user's own rights allow and says to pull the cable. */
export async function requestIsolation(reason: string, options: IsolateOptions): Promise<IsolateResult> {
  const call = await callHelper({ op: 'isolate', reason }, options);
  if (call.kind === 'response' && call.response.ok) {
    const warnings = call.response.status.warnings;
    return {
      code: 'isolation.isolated',
      via: 'helper',
      reportChannelCut: warnings.some((w) => w.code === 'report-via-tunnel'),
      status: call.response.status,
      warnings,
    };
  }
  const helper: HelperProblem =
    call.kind === 'response'
      ? { kind: 'error', detail: call.response.ok ? '' : `${call.response.error}${call.response.detail ? `: ${call.response.detail}` : ''}` }
      : { kind: call.kind, detail: call.detail };
  return fallbackIsolation(options.host, options.platform ?? options.host.info.platform, helper);
}

/**
 * Without the helper: Linux `nmcli networking off` (polkit lets the active local session do it). It
 * cuts every connection, the report channel too, and the user can undo it: so the user must still
 * pull the LAN cable. Windows and macOS need administrator rights for anything that holds (see docs).
 */
export async function fallbackIsolation(host: Host, platform: Platform, helper: HelperProblem): Promise<IsolateResult> {
  if (platform !== 'linux') return { code: 'isolation.pull-cable', via: 'none', reportChannelCut: false, helper, fallback: unknown('not-supported', platform) };
  const off = await runText(host, { file: 'nmcli', args: ['networking', 'off'], timeoutMs: 10_000, env: { LC_ALL: 'C' } });
  if (!off.ok) return { code: 'isolation.pull-cable', via: 'none', reportChannelCut: false, helper, fallback: off.why };
  return { code: 'isolation.network-off-pull-cable', via: 'fallback', method: 'nmcli networking off', reportChannelCut: true, userCanUndo: true, helper };
}

export const requestStatus = (options: ClientOptions = {}) => callHelper({ op: 'status' }, options);

/** Staff: release with the code the policy defines (NFKC: full-width digits are fine). */
export const requestRelease = (code: string, options: ClientOptions = {}) => callHelper({ op: 'release', code }, options);
