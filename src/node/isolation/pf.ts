import type { Allowlist, Endpoint } from './allowlist';
import { normalizeIp } from './allowlist';

/**
 * macOS: a pf anchor. macOS's /etc/pf.conf already evaluates `anchor "com.apple/*"`, so loading rules
 * into a sub-anchor of it puts them in force without editing pf.conf (which system updates rewrite).
 * Every rule is `quick`, and a quick match ends evaluation of the whole ruleset, so the final
 * `block drop quick all` wins over rules after the anchor. Pure: pf-firewall.ts runs it; the effect
 * is verified only on a Mac (docs/isolation.md §3).
 */
export const PF_ANCHOR = 'com.apple/250.MamoriIsolation';
export const PF_RULES_FILE = 'isolation.pf.conf';

function passRule(e: Endpoint): string {
  const n = normalizeIp(e.ip);
  if (!n) throw new Error(`not an IP address: ${JSON.stringify(e.ip)}`);
  const family = n.family === 4 ? 'inet' : 'inet6';
  const port = e.port === undefined ? '' : ` port ${e.port}`;
  // `flags any` lets a connection that was open before isolation continue (its state was flushed).
  const flags = e.protocol === 'tcp' ? ' flags any' : '';
  return `pass out quick ${family} proto ${e.protocol} from any to ${n.ip}${port}${flags} keep state`;
}

/**
 * Taking up, after the states were flushed, a TCP connection to an allowed peer whose next packet
 * comes from the peer (a report upload waiting for its answer). `flags A/SA`: ACK without SYN, so the
 * peer can continue a connection this PC opened but never open one (an unknown one gets a RST).
 */
function pickupRule(e: Endpoint): string[] {
  if (e.protocol !== 'tcp') return [];
  const n = normalizeIp(e.ip)!;
  const port = e.port === undefined ? '' : ` port ${e.port}`;
  return [`pass in quick ${n.family === 4 ? 'inet' : 'inet6'} proto tcp from ${n.ip}${port} to any flags A/SA keep state`];
}

export function renderPfAnchor(allowlist: Pick<Allowlist, 'endpoints'>): string {
  return [
    '# Mamori network isolation. Generated: do not edit.',
    'pass quick on lo0 all',
    'pass out quick inet proto udp from any port 68 to any port 67 keep state',
    'pass in quick inet proto udp from any port 67 to any port 68 no state',
    'pass out quick inet6 proto udp from any port 546 to any port 547 keep state',
    'pass in quick inet6 proto udp from fe80::/10 port 547 to any port 546 no state',
    'pass out quick inet6 proto icmp6 icmp6-type { routersol, neighbrsol, neighbradv } keep state',
    'pass in quick inet6 proto icmp6 icmp6-type { routeradv, neighbrsol, neighbradv } keep state',
    ...[...new Set(allowlist.endpoints.flatMap((e) => [passRule(e), ...pickupRule(e)]))],
    'block drop quick all',
    '',
  ].join('\n');
}

/**
 * pfctl invocations (pf-firewall.ts). `-E` enables pf with a reference and prints its token, kept so
 * that release gives back exactly our reference (pf stays on if something else enabled it); the
 * states are flushed so that connections opened before isolation are judged by the new rules.
 */
export const PFCTL = '/sbin/pfctl';
export const pfLoadArgs = (rulesFile: string) => ['-a', PF_ANCHOR, '-f', rulesFile];
export const PF_SHOW_RULES_ARGS = ['-a', PF_ANCHOR, '-s', 'rules'];
export const PF_FLUSH_ANCHOR_ARGS = ['-a', PF_ANCHOR, '-F', 'all'];
export const PF_INFO_ARGS = ['-s', 'info'];
export const PF_ENABLE_ARGS = ['-E'];
export const PF_FLUSH_STATES_ARGS = ['-F', 'states'];

const TOKEN = /^\d{1,20}$/;
export function pfReleaseArgs(token: string): string[] {
  if (!TOKEN.test(token)) throw new Error(`bad pf token: ${JSON.stringify(token)}`);
  return ['-X', token];
}

/** The reference token `pfctl -E` prints ("Token : 123…"; pfctl is not localised), or null. */
export function parsePfToken(output: string): string | null {
  const m = /^Token\s*:\s*(\d{1,20})\s*$/m.exec(output);
  return m ? m[1]! : null;
}

/** Whether `pfctl -s info` says pf is enabled; null when the output has no status line. */
export function pfEnabled(info: string): boolean | null {
  const m = /^Status:\s+(Enabled|Disabled)\b/m.exec(info);
  return m ? m[1] === 'Enabled' : null;
}
