import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LiveHost } from '../../../../src/node/host/live-host';
import { linuxWifiProbe } from '../../../../src/node/probes/linux/wifi';
import type { FakeHostSetup } from '../../../support/fake-host';
import { FakeHost } from '../../../support/fake-host';

const NET = '/sys/class/net';

describe('Linux Wi-Fi probe on this machine', () => {
  const wireless = existsSync(NET) && readdirSync(NET).some((i) => existsSync(`${NET}/${i}/wireless`) || existsSync(`${NET}/${i}/phy80211`));
  it.runIf(!wireless)('has no wireless interface: unknown no-wifi-adapter', async () => {
    expect((await linuxWifiProbe().collect(new LiveHost())).connections).toMatchObject({ state: 'unknown', reason: 'no-wifi-adapter' });
  });
});

// Constructed sysfs listings and si results (si 5.33 WifiConnectionData / WifiNetworkData shapes).
const adapterHost = (operstate: string | { error: string }, calls: FakeHostSetup['calls']) =>
  new FakeHost({
    dirs: {
      [NET]: ['eth0', 'lo', 'wlp2s0'],
      [`${NET}/eth0`]: ['address', 'operstate', 'statistics'],
      [`${NET}/lo`]: ['address', 'operstate'],
      [`${NET}/wlp2s0`]: ['address', 'operstate', 'phy80211', 'statistics'],
    },
    files: { [`${NET}/wlp2s0/operstate`]: typeof operstate === 'string' ? `${operstate}\n` : operstate },
    calls,
  });
const connection = (security: string | null) => ({ iface: 'wlp2s0', ssid: 'office', bssid: 'AA\\:BB\\:CC\\:DD\\:EE\\:01', security, channel: 36 });

describe('Linux Wi-Fi probe with recorded results', () => {
  it('nmcli key-mgmt wpa-psk is settled by the scanned AP: wpa2-personal', async () => {
    const host = adapterHost('up', {
      'systeminformation.wifiConnections': { value: [connection('wpa-psk')] },
      'systeminformation.wifiNetworks': { value: [{ ssid: 'office', bssid: 'aa:bb:cc:dd:ee:01', security: ['WPA1', 'WPA2'], wpaFlags: [], rsnFlags: [] }] },
    });
    expect((await linuxWifiProbe().collect(host)).connections).toEqual({
      state: 'known',
      value: [{ ssid: { state: 'known', value: 'office' }, bssid: 'aa:bb:cc:dd:ee:01', security: { state: 'known', value: 'wpa2-personal' }, interface: 'wlp2s0' }],
    });
  });

  it('an unambiguous key management needs no scan', async () => {
    const host = adapterHost('up', { 'systeminformation.wifiConnections': { value: [connection('SAE')] } });
    expect((await linuxWifiProbe().collect(host)).connections).toMatchObject({ state: 'known', value: [{ security: { state: 'known', value: 'wpa3-personal' } }] });
    expect(host.callIds).toEqual(['systeminformation.wifiConnections']);
  });

  it('no key management reported → the connection is listed with security unknown', async () => {
    const host = adapterHost('up', { 'systeminformation.wifiConnections': { value: [connection(null)] } });
    expect((await linuxWifiProbe().collect(host)).connections).toMatchObject({ state: 'known', value: [{ security: { state: 'unknown', reason: 'unparseable-output' } }] });
  });

  it('si reports nothing and the link is down: not connected (known empty list)', async () => {
    const host = adapterHost('down', { 'systeminformation.wifiConnections': { value: [] } });
    expect((await linuxWifiProbe().collect(host)).connections).toEqual({ state: 'known', value: [] });
  });

  it.each(['up', 'dormant', 'unknown', { error: 'EACCES' }])('si reports nothing but operstate is %j: unknown, si could not see it', async (operstate) => {
    const host = adapterHost(operstate, { 'systeminformation.wifiConnections': { value: [] } });
    expect((await linuxWifiProbe().collect(host)).connections).toMatchObject({ state: 'unknown', reason: 'not-supported' });
  });

  it('the si call failing or answering garbage is unknown', async () => {
    expect((await linuxWifiProbe().collect(adapterHost('up', {}))).connections).toMatchObject({ state: 'unknown', reason: 'command-failed' });
    const garbage = adapterHost('up', { 'systeminformation.wifiConnections': { value: { not: 'a list' } } });
    expect((await linuxWifiProbe().collect(garbage)).connections).toMatchObject({ state: 'unknown', reason: 'unparseable-output' });
  });

  it('no interface with phy80211 or wireless: no-wifi-adapter, and si is not asked', async () => {
    const host = new FakeHost({ dirs: { [NET]: ['eth0', 'lo'], [`${NET}/eth0`]: ['operstate'], [`${NET}/lo`]: ['operstate'] } });
    expect((await linuxWifiProbe().collect(host)).connections).toMatchObject({ state: 'unknown', reason: 'no-wifi-adapter' });
    expect(host.callIds).toEqual([]);
  });

  it('an old wireless-extensions driver (wireless/ dir) counts as an adapter', async () => {
    const host = new FakeHost({
      dirs: { [NET]: ['wlan0'], [`${NET}/wlan0`]: ['operstate', 'wireless'] },
      files: { [`${NET}/wlan0/operstate`]: 'down\n' },
      calls: { 'systeminformation.wifiConnections': { value: [] } },
    });
    expect((await linuxWifiProbe().collect(host)).connections).toEqual({ state: 'known', value: [] });
  });
});
