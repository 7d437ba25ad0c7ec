import { describe, expect, it } from 'vitest';
import { meetsMinimum, wifiRule } from '../../src/core/rules/wifi';
import type { WifiConnection, WifiSecurity } from '../../src/shared/facts';
import { ctx } from '../support/policy';

const conn = (ssid: string | null, security: WifiSecurity | null, bssid: string | null = 'aa:bb:cc:dd:ee:ff'): WifiConnection => ({
  ssid: ssid === null ? { state: 'unknown', reason: 'location-permission' } : { state: 'known', value: ssid },
  security: security === null ? { state: 'unknown', reason: 'unparseable-output', detail: 'x' } : { state: 'known', value: security },
  bssid,
  interface: 'wlan0',
});
const run = (...connections: WifiConnection[]) => wifiRule({ connections: { state: 'known', value: connections } }, ctx());
const kinds = (...c: WifiConnection[]) => run(...c).findings.map((f) => f.kind);

describe('Wi-Fi rule (example policy)', () => {
  it('an open network is a violation with 2章-1 / 4章-7 guidance, even when its name is withheld', () => {
    expect(run(conn('Guest-Free-WiFi', 'open')).findings).toMatchObject([
      { kind: 'wifi-open-network', severity: 'violation', report: true, guidance: ['2章-1', '4章-7'], subject: { label: 'Guest-Free-WiFi' } },
    ]);
    expect(kinds(conn(null, 'open'))).toEqual(['wifi-open-network']);
  });

  it('an SSID not on the list is unapproved; an approved one with enough security passes', () => {
    expect(kinds(conn('Cafe-WPA2', 'wpa2-personal'))).toEqual(['wifi-unapproved-network']);
    expect(run(conn('庁内LAN-5G', 'wpa2-enterprise'))).toEqual({ findings: [], unknowns: [] });
  });

  it('an approved SSID weaker than its minimum is a violation', () => {
    const r = run(conn('庁内LAN-5G', 'wpa2-personal'));
    expect(r.findings).toMatchObject([{ kind: 'wifi-weak-security', subject: { details: { security: 'wpa2-personal', required: 'wpa2-enterprise' } } }]);
  });

  it('an approved SSID with listed access points: another BSSID is flagged, an unreadable BSSID is unknown', () => {
    expect(kinds(conn('KAKU-MOBILE', 'wpa2-personal', '11:22:33:44:55:66'))).toEqual([]);
    expect(kinds(conn('KAKU-MOBILE', 'wpa2-personal', '11:22:33:44:55:67'))).toEqual(['wifi-unknown-access-point']);
    expect(run(conn('KAKU-MOBILE', 'wpa2-personal', null)).unknowns).toMatchObject([{ fact: 'wifi.bssid' }]);
  });

  it('a withheld SSID on an encrypted network is unknown with the OS reason, never approved or unapproved', () => {
    expect(run(conn(null, 'wpa2-personal'))).toEqual({ findings: [], unknowns: [{ state: 'unknown', reason: 'location-permission', fact: 'wifi.ssid' }] });
  });

  it('not connected is a pass; an unreadable connection list is unknown', () => {
    expect(run()).toEqual({ findings: [], unknowns: [] });
    expect(wifiRule({ connections: { state: 'unknown', reason: 'no-wifi-adapter' } }, ctx()).unknowns).toHaveLength(1);
  });

  it('security minimums: newer generations meet older ones; enterprise minimums need enterprise', () => {
    expect(meetsMinimum('wpa3-personal', 'wpa2-personal')).toBe(true);
    expect(meetsMinimum('wpa-personal', 'wpa2-personal')).toBe(false);
    expect(meetsMinimum('wep', 'wpa-personal')).toBe(false);
    expect(meetsMinimum('wpa3-personal', 'wpa2-enterprise')).toBe(false);
    expect(meetsMinimum('wpa3-enterprise', 'wpa2-enterprise')).toBe(true);
    expect(meetsMinimum('owe', 'open')).toBe(true);
  });
});
