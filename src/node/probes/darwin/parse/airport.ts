import type { WifiConnection } from '../../../../shared/facts';
import type { Observed } from '../../../../shared/observed';
import { known, unknown } from '../../../../shared/observed';
import type { JsonObject } from './json';
import { isObject, stringField, textField } from './json';
import { wifiSecurityFrom } from './wifi-security';

const CONNECTED = 'spairport_status_connected';
/** Wi-Fi on but not associated, and Wi-Fi turned off (real captures). */
const NOT_CONNECTED: ReadonlySet<string> = new Set(['spairport_status_disassociated', 'spairport_status_off']);

/**
 * Without Location Services permission macOS (15 and later) replaces the SSID with this text in
 * system_profiler, ipconfig and networksetup output, and leaves out the BSSID.
 */
const REDACTED = '<redacted>';

const BSSID = /^[0-9a-f]{1,2}(?::[0-9a-f]{1,2}){5}$/i;

/** "fe:dc:ba:9:87:65" as macOS sometimes prints it, in the two-digit lower-case form policies use. */
function bssidOf(network: JsonObject): string | null {
  const raw = stringField(network, 'spairport_network_bssid');
  if (raw === null || !BSSID.test(raw)) return null;
  return raw
    .toLowerCase()
    .split(':')
    .map((octet) => octet.padStart(2, '0'))
    .join(':');
}

function ssidOf(network: JsonObject): WifiConnection['ssid'] {
  const name = stringField(network, '_name');
  if (name !== null && name.trim() === REDACTED) {
    return unknown('location-permission', 'macOS withholds the SSID from processes without Location Services permission');
  }
  if (name === null || name === '' || name.length > 64) return unknown('unparseable-output', 'system_profiler reports no usable SSID for the connection');
  return known(name);
}

function connectionOf(iface: string | null, network: JsonObject): WifiConnection {
  return {
    ssid: ssidOf(network),
    bssid: bssidOf(network),
    // Reported even when the SSID is withheld: an open network is judged without its name.
    security: wifiSecurityFrom(stringField(network, 'spairport_security_mode')),
    interface: iface,
  };
}

type InterfaceReading = { kind: 'not-wifi' } | { kind: 'not-connected' } | { kind: 'connected'; connection: WifiConnection } | { kind: 'unknown'; why: string };

/**
 * One entry of spairport_airport_interfaces. The Wi-Fi adapter (en0, en1) has a status; helper
 * interfaces such as awdl0 (AirDrop) have none, and a current-network block without a name.
 * One public capture has no status line on en0 at all: a current network with a name is then the
 * connection.
 */
function readInterface(entry: JsonObject): InterfaceReading {
  const name = textField(entry, '_name');
  const status = stringField(entry, 'spairport_status_information');
  const network = entry.spairport_current_network_information;
  const namedNetwork = isObject(network) && network._name !== undefined;
  if (status === CONNECTED || (status === null && namedNetwork)) {
    return isObject(network) ? { kind: 'connected', connection: connectionOf(name, network) } : { kind: 'unknown', why: `${name}: connected without network details` };
  }
  if (status === null) return { kind: 'not-wifi' };
  if (NOT_CONNECTED.has(status)) return { kind: 'not-connected' };
  return { kind: 'unknown', why: `${name}: unknown Wi-Fi status ${status.slice(0, 100)}` };
}

/**
 * The Wi-Fi connections from the entries of `system_profiler SPAirPortDataType -json`: [] when the
 * adapter is off or not associated, unknown when the Mac has no Wi-Fi adapter or the output is in
 * a shape we do not know.
 */
export function wifiConnectionsFrom(entries: readonly unknown[]): Observed<WifiConnection[]> {
  const interfaces: JsonObject[] = [];
  for (const entry of entries) {
    if (!isObject(entry)) return unknown('unparseable-output', 'system_profiler SPAirPortDataType: an entry is not an object');
    const listed = entry.spairport_airport_interfaces;
    if (listed === undefined) continue; // the software-versions entry
    if (!Array.isArray(listed) || !listed.every(isObject)) return unknown('unparseable-output', 'system_profiler SPAirPortDataType: interfaces not a list');
    interfaces.push(...listed);
  }

  const connections: WifiConnection[] = [];
  let adapters = 0;
  for (const reading of interfaces.map(readInterface)) {
    if (reading.kind === 'unknown') return unknown('unparseable-output', `system_profiler SPAirPortDataType: ${reading.why}`);
    if (reading.kind === 'not-wifi') continue;
    adapters++;
    if (reading.kind === 'connected') connections.push(reading.connection);
  }
  return adapters === 0 ? unknown('no-wifi-adapter', 'system_profiler SPAirPortDataType lists no Wi-Fi interface') : known(connections);
}
