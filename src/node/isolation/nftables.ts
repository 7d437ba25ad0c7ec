import type { Allowlist, Endpoint } from './allowlist';
import { normalizeIp } from './allowlist';

/** The one table Mamori owns. Nothing here ever names another table or flushes the ruleset. */
export const NFT_FAMILY = 'inet';
export const NFT_TABLE = 'mamori_isolation';

/** Runs before the usual filter chains (priority 0) so nothing else can accept first within the hook. */
const PRIORITY = 'filter - 10';

const ipSelector = (e: Endpoint) => (e.family === 4 ? 'ip' : 'ip6');

function checked(e: Endpoint): Endpoint {
  const n = normalizeIp(e.ip);
  if (!n || n.family !== e.family) throw new Error(`not an IP address: ${JSON.stringify(e.ip)}`);
  if (e.protocol !== 'tcp' && e.protocol !== 'udp') throw new Error(`bad protocol: ${JSON.stringify(e.protocol)}`);
  if (e.port !== undefined && !(Number.isInteger(e.port) && e.port >= 1 && e.port <= 65535)) throw new Error(`bad port: ${JSON.stringify(e.port)}`);
  return { ...e, ip: n.ip };
}

/** Outgoing packets to the peer: new connections and the rest of them. */
function outputRule(e: Endpoint): string {
  const port = e.port === undefined ? `meta l4proto ${e.protocol}` : `${e.protocol} dport ${e.port}`;
  return `${ipSelector(e)} daddr ${e.ip} ${port} accept`;
}

/**
 * Incoming packets from the peer, only as replies on connections this PC opened (`ct direction reply`):
 * the peer cannot open a connection to the PC. ICMP errors related to such a connection (path MTU,
 * unreachable) are accepted too; nft 1.0.6 cannot match `ct original proto-dst`, so that rule names
 * the peer and protocol but not the port.
 */
function inputRules(e: Endpoint): string[] {
  const ip = ipSelector(e);
  const port = e.port === undefined ? `meta l4proto ${e.protocol}` : `${e.protocol} sport ${e.port}`;
  const icmp = e.family === 4 ? 'icmp' : 'ipv6-icmp';
  return [
    `${ip} saddr ${e.ip} ${port} ct state established ct direction reply accept`,
    `ct state related ct direction reply ct original ${ip} daddr ${e.ip} ct protocol ${e.protocol} meta l4proto ${icmp} accept`,
  ];
}

const unique = (lines: string[]) => [...new Set(lines)];

/**
 * The complete nft script for isolation: one transaction (`nft -f`) that creates the table if it is
 * missing, deletes it, and defines it again, so applying twice replaces instead of adding, and a
 * failure anywhere leaves the ruleset as it was. Pure: same allow-list, same text.
 */
export function renderNftRuleset(allowlist: Pick<Allowlist, 'endpoints'>): string {
  const endpoints = allowlist.endpoints.map(checked);
  const input = unique(endpoints.flatMap(inputRules));
  const output = unique(endpoints.map(outputRule));
  const indent = (lines: string[]) => lines.map((l) => `\t\t${l}`);
  return [
    '#!/usr/sbin/nft -f',
    '# Mamori network isolation. Generated: do not edit. Removed with: nft delete table inet mamori_isolation',
    `table ${NFT_FAMILY} ${NFT_TABLE}`,
    `delete table ${NFT_FAMILY} ${NFT_TABLE}`,
    `table ${NFT_FAMILY} ${NFT_TABLE} {`,
    '\tchain input {',
    `\t\ttype filter hook input priority ${PRIORITY}; policy drop;`,
    ...indent([
      'iif "lo" accept',
      'ip6 hoplimit 255 icmpv6 type { nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert } accept',
      'meta nfproto ipv4 udp sport 67 udp dport 68 accept',
      'ip6 saddr fe80::/10 udp sport 547 udp dport 546 accept',
      'ct state invalid drop',
      ...input,
    ]),
    '\t}',
    '\tchain forward {',
    `\t\ttype filter hook forward priority ${PRIORITY}; policy drop;`,
    '\t}',
    '\tchain output {',
    `\t\ttype filter hook output priority ${PRIORITY}; policy drop;`,
    ...indent([
      'oif "lo" accept',
      'ip6 hoplimit 255 icmpv6 type { nd-router-solicit, nd-neighbor-solicit, nd-neighbor-advert } accept',
      'ip6 daddr ff02::16 icmpv6 type mld2-listener-report accept',
      'meta nfproto ipv4 udp sport 68 udp dport 67 accept',
      'meta nfproto ipv6 udp sport 546 udp dport 547 accept',
      'ct state invalid drop',
      ...output,
    ]),
    '\t}',
    '}',
    '',
  ].join('\n');
}

/** Arguments of the one command that removes isolation. */
export const NFT_DELETE_ARGS: readonly string[] = ['delete', 'table', NFT_FAMILY, NFT_TABLE];
export const NFT_LIST_ARGS: readonly string[] = ['list', 'table', NFT_FAMILY, NFT_TABLE];
