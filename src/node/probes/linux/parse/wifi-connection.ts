import type { WifiConnection } from '../../../../shared/facts';
import { known, unknown } from '../../../../shared/observed';
import type { AdvertisedSecurity } from './wifi-security';
import { wifiSecurityOf } from './wifi-security';

/** The fields Mamori reads from a systeminformation WifiConnectionData on Linux. */
export interface SiWifiConnection {
  iface: string | null;
  ssid: unknown;
  bssid: string | null;
  security: unknown;
}

const MAC = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/;

/**
 * A BSSID in lower-case colon form, or null. nmcli's terse mode escapes the colons inside values
 * (`AA\:BB\:…`) and si passes that through, so backslashes are dropped before checking the form.
 */
export function normalizeBssid(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const mac = value.replace(/\\/g, '').trim().toLowerCase();
  return MAC.test(mac) ? mac : null;
}

/** The connections out of `si.wifiConnections()`, or null when the result is not a list of objects. */
export function siWifiConnectionsFrom(value: unknown): SiWifiConnection[] | null {
  if (!Array.isArray(value)) return null;
  const out: SiWifiConnection[] = [];
  for (const c of value as unknown[]) {
    if (typeof c !== 'object' || c === null) return null;
    const r = c as Record<string, unknown>;
    out.push({
      iface: typeof r.iface === 'string' && r.iface !== '' ? r.iface : null,
      ssid: r.ssid,
      bssid: typeof r.bssid === 'string' ? r.bssid : null,
      security: r.security,
    });
  }
  return out;
}

/**
 * What the connected access point advertises, from a `si.wifiNetworks()` scan: the entry with the
 * same BSSID, else the entries with the same SSID when they all agree. Null when the scan does not
 * settle it (no scan, AP not seen, or APs of one SSID advertising different things).
 */
export function advertisedSecurityFor(connection: SiWifiConnection, networks: unknown): AdvertisedSecurity {
  if (!Array.isArray(networks)) return null;
  const entries = (networks as unknown[]).filter((n): n is Record<string, unknown> => typeof n === 'object' && n !== null);
  const tokens = (n: Record<string, unknown>) =>
    Array.isArray(n.security) && n.security.every((t) => typeof t === 'string') ? (n.security as string[]) : null;

  const bssid = normalizeBssid(connection.bssid);
  const byBssid = bssid === null ? undefined : entries.find((n) => normalizeBssid(n.bssid) === bssid);
  if (byBssid) return tokens(byBssid);

  const sameSsid = entries.filter((n) => typeof connection.ssid === 'string' && n.ssid === connection.ssid).map(tokens);
  if (sameSsid.length === 0 || sameSsid.some((t) => t === null)) return null;
  const first = [...sameSsid[0]!].sort().join(' ');
  return sameSsid.every((t) => [...t!].sort().join(' ') === first) ? sameSsid[0]! : null;
}

/** One Mamori connection fact. */
export function wifiConnectionFrom(c: SiWifiConnection, advertised: AdvertisedSecurity): WifiConnection {
  const ssid =
    typeof c.ssid === 'string' && c.ssid !== '' && c.ssid.length <= 64
      ? known(c.ssid)
      : unknown('unparseable-output', 'systeminformation reported no usable SSID');
  return { ssid, bssid: normalizeBssid(c.bssid), security: wifiSecurityOf(c.security, advertised), interface: c.iface };
}
