import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { macPlatform } from '../../../src/node/isolation/platform-mac';
import { windowsPlatform } from '../../../src/node/isolation/platform-windows';
import { detectVpn } from '../../../src/node/isolation/vpn';
import { routeGetInterface } from '../../../src/node/isolation/vpn-mac';
import { routeQueryArgs } from '../../../src/node/isolation/vpn-windows';
import { FakeHost, type RecordedCommand } from '../../support/fake-host';

const FIXTURES = path.join(__dirname, '../../fixtures');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
const ENDPOINT = '203.0.113.10';
const ENDPOINT6 = '2001:db8:1::10';

describe('VPN detection on macOS (route -n get)', () => {
  // Real captures (neofetch PR #2361): OpenVPN-style def1 half route via utun3, and the plain default via en0.
  const UTUN = fixture('mac/route_get.utun3-def1.neofetch-pr2361.txt');
  const EN0 = fixture('mac/route_get.en0-default.neofetch-pr2361.txt');
  const route = (args: string[], stdout: string, exitCode = 0): RecordedCommand => ({ file: '/sbin/route', args: ['-n', 'get', ...args], stdout, exitCode });
  const lanDefaults = [route(['default'], EN0), route(['192.0.2.1'], EN0)];

  it('reads the interface line', () => {
    expect(routeGetInterface(UTUN)).toEqual(['utun3']);
    expect(routeGetInterface(EN0)).toEqual(['en0']);
  });

  it('a tunnel on the report route: report-via-tunnel (IPv6 asked with -inet6)', async () => {
    const host = new FakeHost({ commands: [route([ENDPOINT], UTUN), route(['-inet6', ENDPOINT6], EN0)] });
    expect(await detectVpn(macPlatform.routes(host), [ENDPOINT, ENDPOINT6])).toEqual({ code: 'report-via-tunnel', devices: ['utun3'], endpoints: [ENDPOINT] });
  });

  it('only the default traffic in the tunnel (def1, which `route get default` does not show): default-via-tunnel', async () => {
    const host = new FakeHost({ commands: [route([ENDPOINT], EN0), route(['default'], EN0), route(['192.0.2.1'], UTUN)] });
    expect(await detectVpn(macPlatform.routes(host), [ENDPOINT])).toEqual({ code: 'default-via-tunnel', devices: ['utun3'], endpoints: [] });
  });

  it('Wi-Fi only: none', async () => {
    const host = new FakeHost({ commands: [route([ENDPOINT], EN0), ...lanDefaults] });
    expect(await detectVpn(macPlatform.routes(host), [ENDPOINT])).toEqual({ code: 'none', devices: [], endpoints: [] });
  });

  it('route failing (no route; route missing) claims nothing, as on Linux', async () => {
    // Constructed: route(8)'s answer for an address with no route, exit 1.
    const host = new FakeHost({ commands: [route([ENDPOINT], 'route: writing to routing socket: not in table\n', 1)] });
    expect(await detectVpn(macPlatform.routes(host), [ENDPOINT])).toEqual({ code: 'none', devices: [], endpoints: [] });
    expect(await detectVpn(macPlatform.routes(new FakeHost()), [ENDPOINT])).toEqual({ code: 'none', devices: [], endpoints: [] });
  });
});

describe('VPN detection on Windows (Find-NetRoute + Get-NetAdapter)', () => {
  const TAP = fixture('win/Find-NetRoute_adapter.tap-windows.SYNTHETIC.json');
  const WIREGUARD = fixture('win/Find-NetRoute_adapter.wireguard.SYNTHETIC.json');
  const WIFI = fixture('win/Find-NetRoute_adapter.wifi.SYNTHETIC.json');
  const ps = (ip: string, stdout: string, exitCode = 0): RecordedCommand => ({ file: 'powershell.exe', args: routeQueryArgs(ip), stdout, exitCode });

  it('a TAP adapter (ifType Ethernet, named by its driver) on the report route: report-via-tunnel', async () => {
    const host = new FakeHost({ commands: [ps(ENDPOINT, TAP)] });
    expect(await detectVpn(windowsPlatform.routes(host), [ENDPOINT])).toEqual({ code: 'report-via-tunnel', devices: ['Local Area Connection'], endpoints: [ENDPOINT] });
  });

  it('only the default traffic through WireGuard (alias "Corp"): default-via-tunnel', async () => {
    const host = new FakeHost({ commands: [ps(ENDPOINT, WIFI), ps('192.0.2.1', WIREGUARD), ps('2001:db8::1', WIFI)] });
    expect(await detectVpn(windowsPlatform.routes(host), [ENDPOINT])).toEqual({ code: 'default-via-tunnel', devices: ['Corp'], endpoints: [] });
  });

  it('Wi-Fi only: none', async () => {
    const host = new FakeHost({ commands: [ps(ENDPOINT, WIFI), ps('192.0.2.1', WIFI), ps('2001:db8::1', WIFI)] });
    expect(await detectVpn(windowsPlatform.routes(host), [ENDPOINT])).toEqual({ code: 'none', devices: [], endpoints: [] });
  });

  it('PowerShell failing or printing something else claims nothing, as on Linux', async () => {
    // Constructed: Find-NetRoute's error (no route) ends PowerShell with exit 1.
    const host = new FakeHost({ commands: [ps(ENDPOINT, '', 1), ps('192.0.2.1', 'not json\r\n')] });
    expect(await detectVpn(windowsPlatform.routes(host), [ENDPOINT])).toEqual({ code: 'none', devices: [], endpoints: [] });
  });

  it('only IP literals reach the PowerShell script', async () => {
    const host = new FakeHost();
    await detectVpn(windowsPlatform.routes(host), ["1.2.3.4'; Remove-Item C:\\ -Recurse; '"]);
    expect(host.runs.map((r) => r.args[3])).toEqual([routeQueryArgs('192.0.2.1')[3], routeQueryArgs('2001:db8::1')[3]]);
  });
});
