import { describe, expect, it } from 'vitest';
import { known, unknown } from '../../../../src/shared/observed';
import { wifiRule } from '../../../../src/core/rules/wifi';
import { SYSTEM_PROFILER_AIRPORT } from '../../../../src/node/probes/darwin/commands';
import { darwinProbes } from '../../../../src/node/probes/darwin';
import { ctx } from '../../../support/policy';
import type { RecordedRun } from './bundle';
import { macFixture, macHost, ran } from './bundle';

const wifi = (run: RecordedRun) => darwinProbes.wifi.collect(macHost(ran(SYSTEM_PROFILER_AIRPORT, run)));
const fixture = (name: string) => wifi({ stdout: macFixture(name) });

const LOCATION = unknown('location-permission', 'macOS withholds the SSID from processes without Location Services permission');

/** The connected network of a redacted capture, with only its security mode changed (constructed). */
const redactedWith = (securityMode: string) =>
  macFixture('system_profiler_SPAirPortDataType.redacted-wpa3-macos26.go-fixture.partial.json').replace(
    '"spairport_security_mode_wpa3_personal"',
    `"${securityMode}"`,
  );

describe('macOS Wi-Fi: system_profiler SPAirPortDataType -json', () => {
  it('a WPA2 connection on macOS 15.5 (real, SSIDs anonymised by the source)', async () => {
    const facts = await fixture('system_profiler_SPAirPortDataType.mac-sp_15.5-wpa2-en.wifi-heatmapper.json');
    expect(facts.connections).toEqual(known([{ ssid: known('SSID-7'), bssid: null, security: known('wpa2-personal'), interface: 'en0' }]));
  });

  it('an open network on macOS 15.5, next to awdl0 which is not a connection (real)', async () => {
    const facts = await fixture('system_profiler_SPAirPortDataType.mac-sp_15.5.wifi-heatmapper.json');
    expect(facts.connections).toEqual(known([{ ssid: known('SSID-2'), bssid: null, security: known('open'), interface: 'en0' }]));
  });

  it('macOS 10.15 still reported the BSSID (real)', async () => {
    const facts = await fixture('system_profiler_SPAirPortDataType.mac-sp_10.15.7.wifi-heatmapper.json');
    expect(facts.connections).toEqual(known([{ ssid: known('SSID-6'), bssid: 'fe:dc:ba:09:87:65', security: known('open'), interface: 'en1' }]));
  });

  it.each([
    ['Wi-Fi turned off (macOS 15.5)', 'system_profiler_SPAirPortDataType.mac-sp_15.5-wifi-disabled.wifi-heatmapper.json'],
    ['Wi-Fi on, not associated (macOS 12.7.2)', 'system_profiler_SPAirPortDataType.mac-sp_12.7.2-no-AP.wifi-heatmapper.json'],
  ])('%s: not connected (real)', async (_, name) => {
    expect((await fixture(name)).connections).toEqual(known([]));
  });

  it('a redacted SSID is unknown (location permission) while WPA2/WPA3 transition still counts as WPA2 (real, macOS in Japan)', async () => {
    const facts = await fixture('system_profiler_SPAirPortDataType.redacted-wpa3-transition.ja-go-fixture.partial.json');
    expect(facts.connections).toEqual(known([{ ssid: LOCATION, bssid: null, security: known('wpa2-personal'), interface: 'en0' }]));
  });

  it('a redacted SSID on macOS 26 keeps its WPA3 security (real, trimmed by the source)', async () => {
    const facts = await fixture('system_profiler_SPAirPortDataType.redacted-wpa3-macos26.go-fixture.partial.json');
    expect(facts.connections).toEqual(known([{ ssid: LOCATION, bssid: null, security: known('wpa3-personal'), interface: 'en0' }]));
  });

  it('an open network is judged without its name (redacted, constructed)', async () => {
    const facts = await wifi({ stdout: redactedWith('spairport_security_mode_none') });
    expect(facts.connections).toEqual(known([{ ssid: LOCATION, bssid: null, security: known('open'), interface: 'en0' }]));
    const outcome = wifiRule(facts, ctx());
    expect(outcome.findings.map((f) => f.kind)).toEqual(['wifi-open-network']);
    expect(outcome.unknowns).toEqual([]);
  });

  it('a redacted name on a secured network stays an unknown fact, never approved or unapproved', async () => {
    const facts = await fixture('system_profiler_SPAirPortDataType.redacted-wpa3-macos26.go-fixture.partial.json');
    const outcome = wifiRule(facts, ctx());
    expect(outcome.findings).toEqual([]);
    expect(outcome.unknowns).toEqual([{ ...LOCATION, fact: 'wifi.ssid' }]);
  });

  it.each([
    ['spairport_security_mode_wep', 'wep'],
    ['spairport_security_mode_wpa_personal_mixed', 'wpa-personal'],
    ['spairport_security_mode_wpa2_enterprise', 'wpa2-enterprise'],
    ['spairport_security_mode_wpa3_enterprise', 'wpa3-enterprise'],
  ] as const)('maps %s to %s (constructed from the mode names public parsers use)', async (mode, security) => {
    const facts = await wifi({ stdout: redactedWith(mode) });
    expect(facts.connections).toEqual(known([{ ssid: LOCATION, bssid: null, security: known(security), interface: 'en0' }]));
  });

  it('an unknown security mode is unknown, the connection still listed (constructed)', async () => {
    const facts = await wifi({ stdout: redactedWith('spairport_security_mode_owe_transition') });
    expect(facts.connections).toEqual(
      known([{ ssid: LOCATION, bssid: null, security: unknown('unparseable-output', 'unknown Wi-Fi security mode: spairport_security_mode_owe_transition'), interface: 'en0' }]),
    );
  });

  it('a Mac without a Wi-Fi interface is unknown (no-wifi-adapter), not "not connected" (constructed)', async () => {
    const stdout = JSON.stringify({ SPAirPortDataType: [{ spairport_software_information: { spairport_corewlan_version: '16.0 (1657)' } }] });
    expect((await wifi({ stdout })).connections).toEqual(unknown('no-wifi-adapter', 'system_profiler SPAirPortDataType lists no Wi-Fi interface'));
  });

  it('an interface status we do not know is unknown (constructed)', async () => {
    const stdout = JSON.stringify({ SPAirPortDataType: [{ spairport_airport_interfaces: [{ _name: 'en0', spairport_status_information: 'spairport_status_associating' }] }] });
    expect((await wifi({ stdout })).connections).toEqual(
      unknown('unparseable-output', 'system_profiler SPAirPortDataType: en0: unknown Wi-Fi status spairport_status_associating'),
    );
  });

  it('connected without network details is unknown (constructed)', async () => {
    const stdout = JSON.stringify({ SPAirPortDataType: [{ spairport_airport_interfaces: [{ _name: 'en0', spairport_status_information: 'spairport_status_connected' }] }] });
    expect((await wifi({ stdout })).connections).toEqual(
      unknown('unparseable-output', 'system_profiler SPAirPortDataType: en0: connected without network details'),
    );
  });

  it('truncated JSON is unknown', async () => {
    const truncated = macFixture('system_profiler_SPAirPortDataType.mac-sp_15.5-wpa2-en.wifi-heatmapper.json').slice(0, 1000);
    expect((await wifi({ stdout: truncated })).connections).toEqual(unknown('unparseable-output', 'system_profiler SPAirPortDataType: not JSON (1000 characters)'));
  });

  it('empty output is unknown', async () => {
    expect((await wifi({ stdout: '' })).connections).toEqual(unknown('unparseable-output', 'system_profiler SPAirPortDataType: not JSON (0 characters)'));
  });

  it.each([
    ['ENOENT', 'command-missing'],
    ['TIMEOUT', 'command-timeout'],
  ] as const)('%s is unknown (%s)', async (error, reason) => {
    expect((await wifi({ error })).connections).toEqual(unknown(reason, '/usr/sbin/system_profiler'));
  });
});
