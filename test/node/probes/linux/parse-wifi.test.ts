import { describe, expect, it } from 'vitest';
import { advertisedSecurityFor, normalizeBssid, siWifiConnectionsFrom, wifiConnectionFrom } from '../../../../src/node/probes/linux/parse/wifi-connection';
import { needsAdvertisedSecurity, wifiSecurityOf } from '../../../../src/node/probes/linux/parse/wifi-security';

// All inputs here are constructed: they are the strings systeminformation 5.33 lib/wifi.js passes through
// from nmcli (802-11-wireless-security.key-mgmt) and wpa_cli (key_mgmt), not captures from a machine.

describe('wifiSecurityOf', () => {
  it.each([
    // wpa_cli key_mgmt (hostap wpa_key_mgmt_txt)
    ['WPA2-PSK', 'wpa2-personal'],
    ['WPA-PSK', 'wpa-personal'],
    ['WPA2-PSK+WPA-PSK', 'wpa-personal'],
    ['FT-PSK', 'wpa2-personal'],
    ['WPA2/IEEE 802.1X/EAP', 'wpa2-enterprise'],
    ['WPA/IEEE 802.1X/EAP', 'wpa-enterprise'],
    ['SAE', 'wpa3-personal'],
    ['FT-SAE', 'wpa3-personal'],
    ['WPA2-EAP-SUITE-B-192', 'wpa3-enterprise'],
    ['OWE', 'owe'],
    ['IEEE 802.1X (no WPA)', 'wep'],
    // NetworkManager key-mgmt
    ['sae', 'wpa3-personal'],
    ['owe', 'owe'],
    ['none', 'wep'], // NetworkManager's "none" is static WEP; open networks have no security setting
    ['ieee8021x', 'wep'],
    ['wpa-eap-suite-b-192', 'wpa3-enterprise'],
  ])('%s → %s', (keyMgmt, expected) => {
    expect(wifiSecurityOf(keyMgmt, null)).toEqual({ state: 'known', value: expected });
  });

  it('nmcli wpa-psk / wpa-eap are decided by what the access point advertises', () => {
    expect(wifiSecurityOf('wpa-psk', ['WPA2'])).toEqual({ state: 'known', value: 'wpa2-personal' });
    expect(wifiSecurityOf('wpa-psk', ['WPA1', 'WPA2'])).toEqual({ state: 'known', value: 'wpa2-personal' });
    expect(wifiSecurityOf('wpa-psk', ['WPA2', 'WPA3'])).toEqual({ state: 'known', value: 'wpa2-personal' });
    expect(wifiSecurityOf('wpa-psk', ['WPA1'])).toEqual({ state: 'known', value: 'wpa-personal' });
    expect(wifiSecurityOf('wpa-psk', ['WPA'])).toEqual({ state: 'known', value: 'wpa-personal' }); // iwlist spelling
    expect(wifiSecurityOf('wpa-eap', ['WPA2', '802.1X'])).toEqual({ state: 'known', value: 'wpa2-enterprise' });
    expect(wifiSecurityOf('wpa-psk', null)).toMatchObject({ state: 'unknown', reason: 'unparseable-output' });
    expect(wifiSecurityOf('wpa-psk', [])).toMatchObject({ state: 'unknown', reason: 'unparseable-output' });
  });

  it('wpa_cli NONE is open, or WEP when the AP says so', () => {
    expect(wifiSecurityOf('NONE', null)).toEqual({ state: 'known', value: 'open' });
    expect(wifiSecurityOf('NONE', ['WEP'])).toEqual({ state: 'known', value: 'wep' });
  });

  it.each([null, undefined, '', 'WPS', 'WPA-NONE', 'DPP', 'UNKNOWN', 'WPA2-PERSONAL', 'Wpa-Psk', 42, ['WPA2']])('%j → unknown, never a guess', (keyMgmt) => {
    expect(wifiSecurityOf(keyMgmt, ['WPA2'])).toMatchObject({ state: 'unknown', reason: 'unparseable-output' });
  });

  it('needsAdvertisedSecurity only for the ambiguous values', () => {
    expect(['wpa-psk', 'wpa-eap', 'NONE', 'WPA2-PSK', 'sae', null].map(needsAdvertisedSecurity)).toEqual([true, true, true, false, false, false]);
  });
});

describe('Wi-Fi connection mapping', () => {
  it('normalizes BSSIDs: lower case, nmcli terse escapes removed, garbage null', () => {
    expect(normalizeBssid('AA\\:BB\\:CC\\:DD\\:EE\\:0F')).toBe('aa:bb:cc:dd:ee:0f');
    expect(normalizeBssid('aa:bb:cc:dd:ee:0f')).toBe('aa:bb:cc:dd:ee:0f');
    expect(normalizeBssid('aa:bb:cc')).toBeNull();
    expect(normalizeBssid(null)).toBeNull();
  });

  it('maps a si connection', () => {
    const [c] = siWifiConnectionsFrom([{ iface: 'wlp2s0', ssid: '庁内LAN', bssid: '11:22:33:44:55:66', security: 'WPA2-PSK', channel: 36 }])!;
    expect(wifiConnectionFrom(c!, null)).toEqual({
      ssid: { state: 'known', value: '庁内LAN' },
      bssid: '11:22:33:44:55:66',
      security: { state: 'known', value: 'wpa2-personal' },
      interface: 'wlp2s0',
    });
  });

  it('an empty SSID is unknown, not an empty name', () => {
    const [c] = siWifiConnectionsFrom([{ iface: 'wlan0', ssid: '', bssid: null, security: 'SAE' }])!;
    expect(wifiConnectionFrom(c!, null).ssid).toMatchObject({ state: 'unknown' });
  });

  it('si results that are not a list of objects are refused', () => {
    expect(siWifiConnectionsFrom({})).toBeNull();
    expect(siWifiConnectionsFrom([null])).toBeNull();
    expect(siWifiConnectionsFrom([])).toEqual([]);
  });

  it('finds the AP by BSSID, else by SSID when all its APs agree', () => {
    const networks = [
      { ssid: 'office', bssid: 'aa:aa:aa:aa:aa:01', security: ['WPA1', 'WPA2'] },
      { ssid: 'office', bssid: 'aa:aa:aa:aa:aa:02', security: ['WPA2', 'WPA1'] },
      { ssid: 'mixed', bssid: 'aa:aa:aa:aa:aa:03', security: ['WPA1'] },
      { ssid: 'mixed', bssid: 'aa:aa:aa:aa:aa:04', security: ['WPA2'] },
    ];
    const conn = (ssid: string, bssid: string | null) => ({ iface: 'wlan0', ssid, bssid, security: 'wpa-psk' });
    expect(advertisedSecurityFor(conn('office', 'AA:AA:AA:AA:AA:01'), networks)).toEqual(['WPA1', 'WPA2']);
    expect(advertisedSecurityFor(conn('office', null), networks)).toEqual(['WPA1', 'WPA2']);
    expect(advertisedSecurityFor(conn('mixed', null), networks)).toBeNull();
    expect(advertisedSecurityFor(conn('elsewhere', null), networks)).toBeNull();
    expect(advertisedSecurityFor(conn('office', null), 'not a list')).toBeNull();
  });
});
