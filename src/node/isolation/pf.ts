import type { Allowlist, Endpoint } from './allowlist';
import { normalizeIp } from './allowlist';

/**
 * macOS: a pf anchor. macOS's /etc/pf.conf already evaluates `anchor "com.apple/*"`, so loading rules
 * into a sub-anchor of it puts them in force without editing pf.conf (which system updates rewrite).
 * Every rule is `quick`, and a quick match ends evaluation of the whole ruleset, so the final
 * `block drop quick all` wins over rules after the anchor. Not executed here; see docs/isolation.md.
 */
export const PF_ANCHOR = 'com.apple/250.MamoriIsolation';
export const PF_ANCHOR_FILE = '/Library/Application Support/Mamori/state/isolation.pf.conf';

function passRule(e: Endpoint): string {
  const n = normalizeIp(e.ip);
  if (!n) throw new Error(`not an IP address: ${JSON.stringify(e.ip)}`);
  const family = n.family === 4 ? 'inet' : 'inet6';
  const port = e.port === undefined ? '' : ` port ${e.port}`;
  // `flags any` lets a connection that was open before isolation continue (its state was flushed).
  const flags = e.protocol === 'tcp' ? ' flags any' : '';
  return `pass out quick ${family} proto ${e.protocol} from any to ${n.ip}${port}${flags} keep state`;
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
    ...[...new Set(allowlist.endpoints.map(passRule))],
    'block drop quick all',
    '',
  ].join('\n');
}

/**
 * pfctl invocations. `pfctl -E` enables pf with a reference and prints its token (kept in the state so
 * release gives back exactly our reference: pf stays on if something else enabled it). States are
 * flushed so that connections opened before isolation are judged by the new rules.
 */
export const pfApplyCommands = (anchorFile = PF_ANCHOR_FILE): string[][] => [
  ['pfctl', '-a', PF_ANCHOR, '-f', anchorFile],
  ['pfctl', '-E'],
  ['pfctl', '-F', 'states'],
];

export function pfReleaseCommands(token: string): string[][] {
  if (!/^\d{1,20}$/.test(token)) throw new Error(`bad pf token: ${JSON.stringify(token)}`);
  return [
    ['pfctl', '-a', PF_ANCHOR, '-F', 'all'],
    ['pfctl', '-X', token],
  ];
}
