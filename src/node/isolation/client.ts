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
 *   isolation.wifi-off-pull-cable no helper (Windows, macOS): Wi-Fi was disconnected/turned off with the user's own
 *                                 rights; wired LAN is still up: pull the LAN cable; the report channel may be cut
 *                                 (if it went over Wi-Fi), so `reportChannelCut` is true ("may be cut")
 *   isolation.pull-cable          nothing could be done here: pull the LAN cable and turn Wi-Fi off now
 */
export type IsolateResult =
  | { code: 'isolation.isolated'; via: 'helper'; reportChannelCut: boolean; status: Status; warnings: Warning[] }
  | { code: 'isolation.network-off-pull-cable'; via: 'fallback'; method: 'nmcli networking off'; reportChannelCut: true; userCanUndo: true; helper: HelperProblem }
  | {
      code: 'isolation.wifi-off-pull-cable';
      via: 'fallback';
      method: WifiOffMethod;
      /** macOS: the Wi-Fi devices turned off (`en0`); Windows: empty (netsh names no interface). */
      devices: string[];
      /** We do not know which link carried the report channel: true means "may be cut". */
      reportChannelCut: true;
      userCanUndo: true;
      helper: HelperProblem;
    }
  | { code: 'isolation.pull-cable'; via: 'none'; reportChannelCut: false; helper: HelperProblem; fallback: Unknown };

export type WifiOffMethod = 'netsh wlan disconnect' | 'networksetup -setairportpower off';

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
 * Without the helper, what the user's own rights allow (docs/isolation.md §1.8); in every case the user
 * must still pull the LAN cable, and can undo what was done:
 *   Linux   `nmcli networking off` (polkit lets the active local session do it): every connection, the
 *           report channel too.
 *   Windows `netsh wlan disconnect` (standard users may; no `interface=`: every WLAN interface). Wired LAN
 *           stays up. Success is the exit code only: netsh's text is localised (CP932 on Japanese Windows).
 *           Whether Windows reconnects by itself afterwards is not documented for Vista and later (the
 *           WlanDisconnect page only says XP turned the profile into an on-demand one); a profile set to
 *           connect automatically may well reconnect (at a rescan, logon, resume or reboot). Hence the
 *           message also asks the user to check that Wi-Fi stays off.
 *   macOS   the Wi-Fi device(s) from `networksetup -listallhardwareports`, `-setairportpower <dev> off`
 *           (a standard user may, unless "require an administrator password to turn Wi-Fi on or off" is
 *           set), then `-getairportpower <dev>` must say Off: networksetup may print an error and
 *           still exit 0, and its own output is English (unlike netsh), so reading it is safe.
 */
export async function fallbackIsolation(host: Host, platform: Platform, helper: HelperProblem): Promise<IsolateResult> {
  const nothing = (why: Unknown): IsolateResult => ({ code: 'isolation.pull-cable', via: 'none', reportChannelCut: false, helper, fallback: why });
  if (platform === 'linux') {
    const off = await runText(host, { file: 'nmcli', args: ['networking', 'off'], timeoutMs: 10_000, env: { LC_ALL: 'C' } });
    if (!off.ok) return nothing(off.why);
    return { code: 'isolation.network-off-pull-cable', via: 'fallback', method: 'nmcli networking off', reportChannelCut: true, userCanUndo: true, helper };
  }
  const wifiOff = (method: WifiOffMethod, devices: string[]): IsolateResult => ({
    code: 'isolation.wifi-off-pull-cable',
    via: 'fallback',
    method,
    devices,
    reportChannelCut: true,
    userCanUndo: true,
    helper,
  });
  if (platform === 'win32') {
    const off = await runText(host, { file: 'netsh', args: ['wlan', 'disconnect'], timeoutMs: 10_000 });
    return off.ok ? wifiOff('netsh wlan disconnect', []) : nothing(off.why);
  }
  if (platform === 'darwin') {
    const env = { LC_ALL: 'C' };
    const ports = await runText(host, { file: 'networksetup', args: ['-listallhardwareports'], timeoutMs: 10_000, env });
    if (!ports.ok) return nothing(ports.why);
    const devices = wifiDevices(ports.stdout);
    if (devices.length === 0) return nothing(unknown('no-wifi-adapter', 'networksetup -listallhardwareports: no Wi-Fi/AirPort port'));
    for (const device of devices) {
      const off = await runText(host, { file: 'networksetup', args: ['-setairportpower', device, 'off'], timeoutMs: 10_000, env });
      if (!off.ok) return nothing(off.why);
      const now = await runText(host, { file: 'networksetup', args: ['-getairportpower', device], timeoutMs: 10_000, env });
      if (!now.ok) return nothing(now.why);
      if (!/:\s*off\s*$/i.test(now.stdout.trim())) {
        const said = `${off.stdout} ${now.stdout}`.replace(/\s+/g, ' ').trim().slice(0, 300);
        return nothing(unknown('command-failed', `networksetup -setairportpower ${device} off: ${said}`));
      }
    }
    return wifiOff('networksetup -setairportpower off', devices);
  }
  return nothing(unknown('not-supported', platform));
}

/**
 * The Wi-Fi devices in `networksetup -listallhardwareports` (blocks of `Hardware Port: …` / `Device: …`).
 * The port is "Wi-Fi" since OS X 10.7 and "AirPort" before; Apple does not translate "Wi-Fi" (a trademark),
 * but to be safe any port whose name contains Wi-Fi/WiFi/WLAN/AirPort counts. Device names are checked
 * (`en1`), as they become an argument.
 */
export function wifiDevices(text: string): string[] {
  const devices: string[] = [];
  let port: string | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const p = /^Hardware Port:\s*(.*)$/i.exec(line);
    if (p) {
      port = p[1]!;
      continue;
    }
    const d = /^Device:\s*(\S+)$/i.exec(line);
    if (d && port !== null && /wi-?fi|wlan|airport/i.test(port) && /^[A-Za-z0-9]{1,15}$/.test(d[1]!) && !devices.includes(d[1]!)) devices.push(d[1]!);
    if (line === '') port = null;
  }
  return devices;
}

export const requestStatus = (options: ClientOptions = {}) => callHelper({ op: 'status' }, options);

/** Staff: release with the code the policy defines (NFKC: full-width digits are fine). */
export const requestRelease = (code: string, options: ClientOptions = {}) => callHelper({ op: 'release', code }, options);
