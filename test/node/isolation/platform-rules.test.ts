import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bigIntToIp, cidr, complement, formatRange, ipToBigInt, single } from '../../../src/node/isolation/ip-ranges';
import { parsePfToken, pfEnabled, PF_ANCHOR, pfLoadArgs, pfReleaseArgs, renderPfAnchor } from '../../../src/node/isolation/pf';
import { renderNetshIsolation, renderNetshRelease } from '../../../src/node/isolation/windows';
import { SAMPLE_ENDPOINTS } from './sample';

const FIXTURES = path.join(__dirname, '../../fixtures/mac');
const rule = (...parts: string[]) => ['advfirewall', 'firewall', 'add', 'rule', 'name=Mamori-Isolation', ...parts, 'profile=any', 'enable=yes'];

describe('Windows: netsh advfirewall commands', () => {
  it('renders block-all plus allow rules, and block rules that beat pre-existing allow rules', () => {
    expect(renderNetshIsolation({ endpoints: SAMPLE_ENDPOINTS })).toEqual([
      ['advfirewall', 'firewall', 'delete', 'rule', 'name=Mamori-Isolation'],
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
      rule('dir=out', 'action=allow', 'protocol=TCP', 'remoteip=10.0.0.2', 'remoteport=443'),
      rule('dir=out', 'action=allow', 'protocol=TCP', 'remoteip=2001:db8::2', 'remoteport=6514'),
      rule('dir=out', 'action=allow', 'protocol=UDP', 'remoteip=10.0.0.53', 'remoteport=53'),
      rule('dir=out', 'action=allow', 'protocol=TCP', 'remoteip=10.0.0.53', 'remoteport=53'),
      rule('dir=out', 'action=allow', 'protocol=TCP', 'remoteip=10.0.0.9'),
      rule(
        'dir=out', 'action=block', 'protocol=TCP',
        'remoteip=0.0.0.0-10.0.0.1,10.0.0.3-10.0.0.8,10.0.0.10-10.0.0.52,10.0.0.54-255.255.255.255,::-2001:db8::1,2001:db8::3-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
      ),
      rule('dir=out', 'action=block', 'protocol=UDP', 'remoteip=0.0.0.0-10.0.0.52,10.0.0.54-255.255.255.255,::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'remoteport=1-66,68-546,548-65535'),
      rule('dir=out', 'action=block', 'protocol=icmpv4:any,any', 'remoteip=any'),
      rule('dir=out', 'action=block', 'protocol=icmpv6:any,any', 'remoteip=::-fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff,fec0::-feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'),
      rule('dir=in', 'action=block', 'protocol=TCP', 'remoteip=any'),
      rule('dir=in', 'action=block', 'protocol=UDP', 'remoteip=any', 'localport=1-67,69-545,547-65535'),
      rule('dir=in', 'action=block', 'protocol=icmpv4:any,any', 'remoteip=any'),
    ]);
  });

  it('release deletes exactly the named rules and puts back each profile’s recorded state and policy', () => {
    const previous = {
      domain: { state: 'on', policy: 'blockinbound,allowoutbound' },
      private: { state: 'notconfigured', policy: 'blockinbound,allowoutbound' },
      public: { state: 'off', policy: 'blockinboundalways,allowoutbound' },
    } as const;
    expect(renderNetshRelease(previous)).toEqual([
      ['advfirewall', 'firewall', 'delete', 'rule', 'name=Mamori-Isolation'],
      ['advfirewall', 'set', 'domainprofile', 'state', 'on'],
      ['advfirewall', 'set', 'domainprofile', 'firewallpolicy', 'blockinbound,allowoutbound'],
      ['advfirewall', 'set', 'privateprofile', 'state', 'notconfigured'],
      ['advfirewall', 'set', 'privateprofile', 'firewallpolicy', 'blockinbound,allowoutbound'],
      ['advfirewall', 'set', 'publicprofile', 'state', 'off'],
      ['advfirewall', 'set', 'publicprofile', 'firewallpolicy', 'blockinboundalways,allowoutbound'],
    ]);
    // Nothing recorded (never isolated by us): only our rules go, the profiles are not touched.
    expect(renderNetshRelease(null)).toEqual([['advfirewall', 'firewall', 'delete', 'rule', 'name=Mamori-Isolation']]);
    expect(() => renderNetshRelease({ ...previous, domain: { state: 'on', policy: 'allowinbound,allowoutbound & calc' } })).toThrow();
  });

  it('refuses a non-IP endpoint', () => {
    expect(() => renderNetshIsolation({ endpoints: [{ ...SAMPLE_ENDPOINTS[0]!, ip: '10.0.0.1 dir=in' }] })).toThrow();
  });
});

describe('macOS: pf anchor', () => {
  it('renders the exact anchor: loopback, DHCP, neighbour discovery, the endpoints, then block everything', () => {
    expect(renderPfAnchor({ endpoints: SAMPLE_ENDPOINTS })).toBe(
      [
        '# Mamori network isolation. Generated: do not edit.',
        'pass quick on lo0 all',
        'pass out quick inet proto udp from any port 68 to any port 67 keep state',
        'pass in quick inet proto udp from any port 67 to any port 68 no state',
        'pass out quick inet6 proto udp from any port 546 to any port 547 keep state',
        'pass in quick inet6 proto udp from fe80::/10 port 547 to any port 546 no state',
        'pass out quick inet6 proto icmp6 icmp6-type { routersol, neighbrsol, neighbradv } keep state',
        'pass in quick inet6 proto icmp6 icmp6-type { routeradv, neighbrsol, neighbradv } keep state',
        'pass out quick inet proto tcp from any to 10.0.0.2 port 443 flags any keep state',
        'pass in quick inet proto tcp from 10.0.0.2 port 443 to any flags A/SA keep state',
        'pass out quick inet6 proto tcp from any to 2001:db8::2 port 6514 flags any keep state',
        'pass in quick inet6 proto tcp from 2001:db8::2 port 6514 to any flags A/SA keep state',
        'pass out quick inet proto udp from any to 10.0.0.53 port 53 keep state',
        'pass out quick inet proto tcp from any to 10.0.0.53 port 53 flags any keep state',
        'pass in quick inet proto tcp from 10.0.0.53 port 53 to any flags A/SA keep state',
        'pass out quick inet proto tcp from any to 10.0.0.9 flags any keep state',
        'pass in quick inet proto tcp from 10.0.0.9 to any flags A/SA keep state',
        'block drop quick all',
        '',
      ].join('\n'),
    );
  });

  it('loads into a com.apple sub-anchor and gives back only its own pf reference', () => {
    expect(PF_ANCHOR).toBe('com.apple/250.MamoriIsolation');
    expect(pfLoadArgs('/tmp/a.conf')).toEqual(['-a', 'com.apple/250.MamoriIsolation', '-f', '/tmp/a.conf']);
    expect(pfReleaseArgs('18446744073709551615')).toEqual(['-X', '18446744073709551615']);
    expect(() => pfReleaseArgs('1; pfctl -d')).toThrow();
  });

  it('reads pfctl -E’s token and pfctl -s info’s status (pfctl is not localised)', () => {
    expect(parsePfToken(readFileSync(path.join(FIXTURES, 'pfctl_-E.stderr.SYNTHETIC.txt'), 'utf8'))).toBe('18446615496591543296');
    expect(parsePfToken('pf enabled\n')).toBeNull();
    const info = readFileSync(path.join(FIXTURES, 'pfctl_-s_info.enabled.telegraf-readme.txt'), 'utf8');
    expect(pfEnabled(info)).toBe(true);
    expect(pfEnabled(info.replace(/^Status: Enabled.*$/m, 'Status: Disabled'))).toBe(false);
    expect(pfEnabled('pfctl: /dev/pf: Permission denied')).toBeNull();
  });
});

describe('address ranges', () => {
  it('parses and prints IPv4 and IPv6 (RFC 5952)', () => {
    expect(ipToBigInt('10.0.0.1')).toEqual({ family: 4, value: 0x0a000001n });
    expect(bigIntToIp(6, ipToBigInt('2001:DB8:0:0:1:0:0:1').value)).toBe('2001:db8::1:0:0:1');
    expect(bigIntToIp(6, ipToBigInt('::ffff:192.0.2.1').value)).toBe('::ffff:c000:201');
    expect(bigIntToIp(6, 0n)).toBe('::');
    expect(bigIntToIp(6, ipToBigInt('fe80::1').value)).toBe('fe80::1');
  });

  it('complements a set of addresses and CIDRs', () => {
    expect(complement(4, [single('0.0.0.0'), single('255.255.255.255')]).map(formatRange)).toEqual(['0.0.0.1-255.255.255.254']);
    expect(complement(4, [cidr('10.0.0.0/8'), single('10.1.2.3')]).map(formatRange)).toEqual(['0.0.0.0-9.255.255.255', '11.0.0.0-255.255.255.255']);
    expect(complement(4, []).map(formatRange)).toEqual(['0.0.0.0-255.255.255.255']);
    expect(complement(6, [single('10.0.0.1')]).map(formatRange)).toEqual(['::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff']);
  });
});
