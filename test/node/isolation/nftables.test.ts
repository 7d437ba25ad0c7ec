import { describe, expect, it } from 'vitest';
import { NFT_DELETE_ARGS, renderNftRuleset } from '../../../src/node/isolation/nftables';
import { SAMPLE_ENDPOINTS } from './sample';

const EXPECTED = `#!/usr/sbin/nft -f
# Mamori network isolation. Generated: do not edit. Removed with: nft delete table inet mamori_isolation
table inet mamori_isolation
delete table inet mamori_isolation
table inet mamori_isolation {
	chain input {
		type filter hook input priority filter - 10; policy drop;
		iif "lo" accept
		ip6 hoplimit 255 icmpv6 type { nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert } accept
		meta nfproto ipv4 udp sport 67 udp dport 68 accept
		ip6 saddr fe80::/10 udp sport 547 udp dport 546 accept
		ct state invalid drop
		ip saddr 10.0.0.2 tcp sport 443 ct state established ct direction reply accept
		ct state related ct direction reply ct original ip daddr 10.0.0.2 ct protocol tcp meta l4proto icmp accept
		ip6 saddr 2001:db8::2 tcp sport 6514 ct state established ct direction reply accept
		ct state related ct direction reply ct original ip6 daddr 2001:db8::2 ct protocol tcp meta l4proto ipv6-icmp accept
		ip saddr 10.0.0.53 udp sport 53 ct state established ct direction reply accept
		ct state related ct direction reply ct original ip daddr 10.0.0.53 ct protocol udp meta l4proto icmp accept
		ip saddr 10.0.0.53 tcp sport 53 ct state established ct direction reply accept
		ct state related ct direction reply ct original ip daddr 10.0.0.53 ct protocol tcp meta l4proto icmp accept
		ip saddr 10.0.0.9 meta l4proto tcp ct state established ct direction reply accept
		ct state related ct direction reply ct original ip daddr 10.0.0.9 ct protocol tcp meta l4proto icmp accept
	}
	chain forward {
		type filter hook forward priority filter - 10; policy drop;
	}
	chain output {
		type filter hook output priority filter - 10; policy drop;
		oif "lo" accept
		ip6 hoplimit 255 icmpv6 type { nd-router-solicit, nd-neighbor-solicit, nd-neighbor-advert } accept
		ip6 daddr ff02::16 icmpv6 type mld2-listener-report accept
		meta nfproto ipv4 udp sport 68 udp dport 67 accept
		meta nfproto ipv6 udp sport 546 udp dport 547 accept
		ct state invalid drop
		ip daddr 10.0.0.2 tcp dport 443 accept
		ip6 daddr 2001:db8::2 tcp dport 6514 accept
		ip daddr 10.0.0.53 udp dport 53 accept
		ip daddr 10.0.0.53 tcp dport 53 accept
		ip daddr 10.0.0.9 meta l4proto tcp accept
	}
}
`;

describe('nftables ruleset', () => {
  it('renders the exact ruleset: drop by default, replies only on connections the PC opened to allowed peers', () => {
    expect(renderNftRuleset({ endpoints: SAMPLE_ENDPOINTS })).toBe(EXPECTED);
  });

  it('with nothing allowed keeps only loopback, DHCP and neighbour discovery', () => {
    const text = renderNftRuleset({ endpoints: [] });
    expect(text).not.toMatch(/daddr (?!ff02::16)|saddr (?!fe80::\/10)/);
    expect(text.match(/policy drop;/g)).toHaveLength(3);
  });

  it('is one replace-in-one-transaction script that names no other table and never flushes the ruleset', () => {
    const text = renderNftRuleset({ endpoints: SAMPLE_ENDPOINTS });
    const tables = [...text.matchAll(/\btable\s+(\S+)\s+(\S+)/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(new Set(tables)).toEqual(new Set(['inet mamori_isolation']));
    expect(text).not.toMatch(/flush|ruleset/);
    expect(NFT_DELETE_ARGS).toEqual(['delete', 'table', 'inet', 'mamori_isolation']);
  });

  it('refuses anything that is not a plain IP address, port or protocol (no text reaches the rules unchecked)', () => {
    const base = SAMPLE_ENDPOINTS[0]!;
    for (const bad of [
      { ...base, ip: '10.0.0.1; flush ruleset' },
      { ...base, ip: 'csirt.example.go.jp' },
      { ...base, ip: 'fe80::1%eth0', family: 6 as const },
      { ...base, ip: '2001:db8::1', family: 4 as const },
      { ...base, port: 0 },
      { ...base, port: 70000 },
      { ...base, port: 1.5 },
      { ...base, protocol: 'icmp' as 'tcp' },
    ]) {
      expect(() => renderNftRuleset({ endpoints: [bad] }), JSON.stringify(bad)).toThrow();
    }
  });

  it('is pure: the same allow-list gives the same text, duplicates once', () => {
    const twice = renderNftRuleset({ endpoints: [...SAMPLE_ENDPOINTS, ...SAMPLE_ENDPOINTS] });
    expect(twice).toBe(EXPECTED);
  });
});
