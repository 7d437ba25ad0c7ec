import type { Allowlist, Endpoint } from './allowlist';
import { normalizeIp } from './allowlist';
import { cidr, complement, formatRange, single, type Range } from './ip-ranges';

/**
 * Windows: Windows Defender Firewall through `netsh advfirewall`, as argument lists (the service runs
 * them with execFile as LocalSystem; no shell, no quoting; windows-firewall.ts runs them). Pure: the
 * exact output is unit-tested here, the effect only on a Windows device (docs/isolation.md §2).
 *
 * Layers, because a default-outbound block does NOT override existing outbound allow rules:
 *  1. firewall on, default policy block inbound + block outbound, on every profile;
 *  2. allow rules for DHCP, neighbour discovery, DNS servers and the allowed endpoints;
 *  3. block rules (which win over any allow rule, ours or pre-existing) for TCP, UDP and ICMP to every
 *     address that is not allowed, so a pre-existing "allow all outbound for app X" cannot leak.
 * All rules carry one name, so release deletes exactly them.
 */
export const WINDOWS_RULE_NAME = 'Mamori-Isolation';
const NAME = `name=${WINDOWS_RULE_NAME}`;

const rule = (...parts: string[]) => ['advfirewall', 'firewall', 'add', 'rule', NAME, ...parts, 'profile=any', 'enable=yes'];

const endpointRule = (e: Endpoint) => {
  const n = normalizeIp(e.ip);
  if (!n) throw new Error(`not an IP address: ${JSON.stringify(e.ip)}`);
  return rule('dir=out', 'action=allow', `protocol=${e.protocol.toUpperCase()}`, `remoteip=${n.ip}`, ...(e.port === undefined ? [] : [`remoteport=${e.port}`]));
};

const list = (ranges: Range[]) => ranges.map(formatRange).join(',');

/** Everything except the addresses allowed for `protocol`, both families. */
function notAllowed(endpoints: readonly Endpoint[], protocol: 'tcp' | 'udp'): string {
  const allowed = endpoints.filter((e) => e.protocol === protocol).map((e) => single(e.ip));
  return list([...complement(4, allowed), ...complement(6, allowed)]);
}

/** Link-local and multicast IPv6 stay open for ICMPv6 (neighbour discovery); everything else is blocked. */
const ICMPV6_LINK = [cidr('fe80::/10'), cidr('ff00::/8')];

export function renderNetshIsolation(allowlist: Pick<Allowlist, 'endpoints'>): string[][] {
  const endpoints = allowlist.endpoints;
  return [
    ['advfirewall', 'firewall', 'delete', 'rule', NAME], // fails harmlessly when there are none
    ['advfirewall', 'set', 'allprofiles', 'state', 'on'],
    ['advfirewall', 'set', 'allprofiles', 'firewallpolicy', 'blockinbound,blockoutbound'],
    rule('dir=out', 'action=allow', 'protocol=UDP', 'localport=68', 'remoteport=67'),
    rule('dir=in', 'action=allow', 'protocol=UDP', 'localport=68', 'remoteport=67'),
    rule('dir=out', 'action=allow', 'protocol=UDP', 'localport=546', 'remoteport=547'),
    rule('dir=in', 'action=allow', 'protocol=UDP', 'localport=546', 'remoteport=547'),
    rule('dir=out', 'action=allow', 'protocol=icmpv6:133,any', 'remoteip=ff02::2'),
    rule('dir=in', 'action=allow', 'protocol=icmpv6:134,any', 'remoteip=fe80::/10'),
    rule('dir=out', 'action=allow', 'protocol=icmpv6:135,any'),
    rule('dir=in', 'action=allow', 'protocol=icmpv6:135,any'),
    rule('dir=out', 'action=allow', 'protocol=icmpv6:136,any'),
    rule('dir=in', 'action=allow', 'protocol=icmpv6:136,any'),
    ...endpoints.map(endpointRule),
    rule('dir=out', 'action=block', 'protocol=TCP', `remoteip=${notAllowed(endpoints, 'tcp')}`),
    rule('dir=out', 'action=block', 'protocol=UDP', `remoteip=${notAllowed(endpoints, 'udp')}`, 'remoteport=1-66,68-546,548-65535'),
    rule('dir=out', 'action=block', 'protocol=icmpv4:any,any', 'remoteip=any'),
    rule('dir=out', 'action=block', 'protocol=icmpv6:any,any', `remoteip=${list(complement(6, ICMPV6_LINK))}`),
    rule('dir=in', 'action=block', 'protocol=TCP', 'remoteip=any'),
    rule('dir=in', 'action=block', 'protocol=UDP', 'remoteip=any', 'localport=1-67,69-545,547-65535'),
    rule('dir=in', 'action=block', 'protocol=icmpv4:any,any', 'remoteip=any'),
  ];
}

/**
 * One profile as it was before isolation, in netsh's words: `state` on/off/notconfigured and
 * `policy` "<inbound>,<outbound>". Recorded by the helper (windows-firewall.ts) to put back on release.
 */
export interface WindowsProfile {
  state: 'on' | 'off' | 'notconfigured';
  policy: string;
}
export interface WindowsProfilePolicies {
  domain: WindowsProfile;
  private: WindowsProfile;
  public: WindowsProfile;
}
/** What a Windows installation starts with; used on release only when the record was lost. */
export const WINDOWS_DEFAULT_POLICIES: WindowsProfilePolicies = {
  domain: { state: 'on', policy: 'blockinbound,allowoutbound' },
  private: { state: 'on', policy: 'blockinbound,allowoutbound' },
  public: { state: 'on', policy: 'blockinbound,allowoutbound' },
};
const POLICY = /^(blockinbound|blockinboundalways|allowinbound),(allowoutbound|blockoutbound)$/;
const STATE = /^(on|off|notconfigured)$/;

/** Deletes our rules and, when `previous` is known, puts back each profile's state and default policy. */
export function renderNetshRelease(previous: WindowsProfilePolicies | null): string[][] {
  const profiles = previous ? (['domain', 'private', 'public'] as const) : [];
  for (const p of profiles) {
    if (!POLICY.test(previous![p].policy) || !STATE.test(previous![p].state)) throw new Error(`bad firewall profile: ${JSON.stringify(previous![p])}`);
  }
  return [
    ['advfirewall', 'firewall', 'delete', 'rule', NAME],
    ...profiles.flatMap((p) => [
      ['advfirewall', 'set', `${p}profile`, 'state', previous![p].state],
      ['advfirewall', 'set', `${p}profile`, 'firewallpolicy', previous![p].policy],
    ]),
  ];
}

/** Exit code 0 when a rule of ours exists, 1 when none does: no output is read (it is localised). */
export const NETSH_SHOW_RULE_ARGS = ['advfirewall', 'firewall', 'show', 'rule', NAME];
