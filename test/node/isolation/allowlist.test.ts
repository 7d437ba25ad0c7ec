import { describe, expect, it } from 'vitest';
import { buildAllowlist, namesWithoutDns, normalizeIp, targetsOf } from '../../../src/node/isolation/allowlist';
import { IsolationSettings } from '../../../src/node/isolation/settings';
import { policyWith } from '../../support/policy';

const channels = policyWith((p) => {
  p.reporting = {
    channels: [
      { type: 'https', url: 'https://csirt.example.go.jp/mamori/reports' },
      { type: 'https', url: 'https://[2001:db8::7]:8443/r' },
      { type: 'syslog-tls', host: 'siem.example.go.jp' },
      { type: 'smtp', host: '192.0.2.25', port: 465, from: 'mamori@example.go.jp', to: ['csirt@example.go.jp'] },
    ],
  };
}).reporting.channels;

const settings = IsolationSettings.parse({ allow: [{ host: 'mgmt.example.go.jp' }, { host: '192.0.2.50', port: 1514, protocol: 'udp' }], dns: ['192.0.2.53'] });

const zone: Record<string, string[]> = {
  'csirt.example.go.jp': ['192.0.2.10', '2001:db8::10', '::ffff:192.0.2.10'],
  'siem.example.go.jp': ['192.0.2.20'],
};
const resolver = async (host: string) => zone[host] ?? [];

describe('allow-list', () => {
  it('takes every reporting channel (with its default port), the extra endpoints and the DNS servers', () => {
    expect(targetsOf({ channels, settings })).toEqual([
      { host: 'csirt.example.go.jp', protocol: 'tcp', port: 443, source: 'reporting:https' },
      { host: '2001:db8::7', protocol: 'tcp', port: 8443, source: 'reporting:https' },
      { host: 'siem.example.go.jp', protocol: 'tcp', port: 6514, source: 'reporting:syslog-tls' },
      { host: '192.0.2.25', protocol: 'tcp', port: 465, source: 'reporting:smtp' },
      { host: 'mgmt.example.go.jp', protocol: 'tcp', source: 'allow' },
      { host: '192.0.2.50', protocol: 'udp', port: 1514, source: 'allow' },
      { host: '192.0.2.53', protocol: 'udp', port: 53, source: 'dns' },
      { host: '192.0.2.53', protocol: 'tcp', port: 53, source: 'dns' },
    ]);
  });

  it('resolves names to every address now, de-duplicates, and lists what did not resolve', async () => {
    const list = await buildAllowlist(targetsOf({ channels, settings }), resolver);
    expect(list.endpoints.map((e) => `${e.ip} ${e.protocol}/${e.port ?? '*'}`)).toEqual([
      '192.0.2.10 tcp/443',
      '2001:db8::10 tcp/443',
      '2001:db8::7 tcp/8443',
      '192.0.2.20 tcp/6514',
      '192.0.2.25 tcp/465',
      '192.0.2.50 udp/1514',
      '192.0.2.53 udp/53',
      '192.0.2.53 tcp/53',
    ]);
    expect(list.unresolved).toEqual(['mgmt.example.go.jp']);
  });

  it('keeps the previous addresses of a name that no longer resolves (re-applying at boot, before DNS)', async () => {
    const first = await buildAllowlist(targetsOf({ channels, settings }), resolver);
    const offline = await buildAllowlist(targetsOf({ channels, settings }), async () => {
      throw new Error('EAI_AGAIN');
    }, first);
    expect(offline.endpoints).toEqual(first.endpoints);
  });

  it('never lets a resolver answer that is not an IP address through', async () => {
    const list = await buildAllowlist([{ host: 'evil.example', protocol: 'tcp', port: 443, source: 'allow' }], async () => ['1.2.3.4; flush ruleset', 'fe80::1%eth0', 'localhost']);
    expect(list.endpoints).toEqual([]);
    expect(list.unresolved).toEqual(['evil.example']);
  });

  it('normalises addresses', () => {
    expect(normalizeIp('::FFFF:10.0.0.1')).toEqual({ ip: '10.0.0.1', family: 4 });
    expect(normalizeIp('2001:DB8::1')).toEqual({ ip: '2001:db8::1', family: 6 });
    expect(normalizeIp('10.0.0.256')).toBeNull();
  });

  it('warns when reporting uses names but no DNS server is allowed', () => {
    expect(namesWithoutDns({ channels, settings })).toBe(false);
    expect(namesWithoutDns({ channels, settings: { ...settings, dns: [] } })).toBe(true);
    expect(namesWithoutDns({ channels: channels.slice(3), settings: { allow: [], dns: [] } })).toBe(false);
  });

  it('the proposed policy field refuses hosts that are not names or addresses', () => {
    expect(IsolationSettings.safeParse({ allow: [{ host: 'a b' }] }).success).toBe(false);
    expect(IsolationSettings.safeParse({ dns: ['dns.example.go.jp'] }).success).toBe(false);
    expect(IsolationSettings.safeParse({ allow: [{ host: 'x', protocol: 'icmp' }] }).success).toBe(false);
    expect(IsolationSettings.safeParse({ allow: [], extra: 1 }).success).toBe(false);
  });
});
