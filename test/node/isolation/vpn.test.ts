import { describe, expect, it } from 'vitest';
import { detectVpn, isTunnelLink, linuxRoutes, routeDevices } from '../../../src/node/isolation/vpn';
import { FakeHost, type RecordedCommand } from '../../support/fake-host';

const ip = (args: string[], stdout: string, exitCode = 0): RecordedCommand => ({ file: 'ip', args, stdout, exitCode });
const PHYSICAL_DEFAULTS = [
  ip(['-4', 'route', 'show', 'default'], 'default via 192.168.1.1 dev enp3s0 proto dhcp src 192.168.1.20 metric 100\n'),
  ip(['-6', 'route', 'show', 'default'], ''),
  ip(['route', 'get', '192.0.2.1'], '192.0.2.1 via 192.168.1.1 dev enp3s0 src 192.168.1.20 uid 1000 \n    cache \n'),
  ip(['route', 'get', '2001:db8::1'], 'RTNETLINK answers: Network is unreachable\n', 2),
  ip(['-d', '-o', 'link', 'show', 'dev', 'enp3s0'], '2: enp3s0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP mode DEFAULT group default qlen 1000\\    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff promiscuity 0 allmulti 0 minmtu 68 maxmtu 65535 addrgenmode none numtxqueues 1\n'),
];

describe('VPN detection', () => {
  it('no VPN: endpoints and the default route leave through the LAN', async () => {
    const host = new FakeHost({ commands: [...PHYSICAL_DEFAULTS, ip(['route', 'get', '203.0.113.10'], '203.0.113.10 via 192.168.1.1 dev enp3s0 src 192.168.1.20 uid 0 \n    cache \n')] });
    expect(await detectVpn(linuxRoutes(host), ['203.0.113.10'])).toEqual({ code: 'none', devices: [], endpoints: [] });
  });

  it('wg-quick full tunnel (policy routing: the main table still shows the LAN default)', async () => {
    const host = new FakeHost({ commands: [...PHYSICAL_DEFAULTS, ip(['route', 'get', '203.0.113.10'], '203.0.113.10 dev wg0 table 51820 src 10.66.0.2 uid 0 \n    cache \n')] });
    expect(await detectVpn(linuxRoutes(host), ['203.0.113.10'])).toEqual({ code: 'report-via-tunnel', devices: ['wg0'], endpoints: ['203.0.113.10'] });
  });

  it('OpenVPN redirect-gateway def1 (0.0.0.0/1 + 128.0.0.0/1 via tun0)', async () => {
    const host = new FakeHost({ commands: [...PHYSICAL_DEFAULTS, ip(['route', 'get', '203.0.113.10'], '203.0.113.10 via 10.8.0.1 dev tun0 src 10.8.0.6 uid 0 \n    cache \n')] });
    expect(await detectVpn(linuxRoutes(host), ['203.0.113.10'])).toMatchObject({ code: 'report-via-tunnel', devices: ['tun0'] });
  });

  it('a tunnel with an ordinary name is recognised by its link kind', async () => {
    const host = new FakeHost({
      commands: [
        ...PHYSICAL_DEFAULTS,
        ip(['route', 'get', '203.0.113.10'], '203.0.113.10 dev corp0 src 10.9.0.2 uid 0 \n    cache \n'),
        ip(['-d', '-o', 'link', 'show', 'dev', 'corp0'], '7: corp0: <POINTOPOINT,NOARP,UP,LOWER_UP> mtu 1420 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\\    link/none  promiscuity 0 allmulti 0 minmtu 0 maxmtu 2147483552 \\    wireguard addrgenmode none\n'),
      ],
    });
    expect(await detectVpn(linuxRoutes(host), ['203.0.113.10'])).toMatchObject({ code: 'report-via-tunnel', devices: ['corp0'] });
  });

  it('split tunnel: a full-tunnel-looking default via ppp0, but the endpoints are excluded', async () => {
    const host = new FakeHost({
      commands: [
        ip(['-4', 'route', 'show', 'default'], 'default dev ppp0 scope link\ndefault via 192.168.1.1 dev enp3s0 metric 600\n'),
        ip(['route', 'get', '203.0.113.10'], '203.0.113.10 via 192.168.1.1 dev enp3s0 src 192.168.1.20 uid 0 \n    cache \n'),
      ],
    });
    expect(await detectVpn(linuxRoutes(host), ['203.0.113.10'])).toEqual({ code: 'default-via-tunnel', devices: ['ppp0'], endpoints: [] });
  });

  it('an interface the administrator names as the VPN counts too', async () => {
    const host = new FakeHost({ commands: [ip(['route', 'get', '203.0.113.10'], '203.0.113.10 dev ens9 src 10.1.1.1 uid 0 \n')] });
    expect(await detectVpn(linuxRoutes(host), ['203.0.113.10'], { vpnInterfaces: ['ens9'] })).toMatchObject({ code: 'report-via-tunnel', devices: ['ens9'] });
  });

  it('parses devices and link kinds', () => {
    expect(routeDevices('default via 10.0.0.1 dev eth0 proto dhcp\ndefault dev wg0 scope link')).toEqual(['eth0', 'wg0']);
    expect(isTunnelLink('5: tun0: <POINTOPOINT> mtu 1500 \\    link/none \\    tun type tun pi off')).toBe(true);
    expect(isTunnelLink('2: eth0: <BROADCAST> mtu 1500 \\    link/ether 00:11:22:33:44:55 veth')).toBe(false);
  });
});
