import { systemInformation as si } from '../system-information';
import type { WifiConnection } from '../../../shared/facts';
import type { Observed, Unknown } from '../../../shared/observed';
import { known, unknown } from '../../../shared/observed';
import type { Host } from '../../host/host';
import type { Probe } from '../probe';
import { advertisedSecurityFor, siWifiConnectionsFrom, wifiConnectionFrom } from './parse/wifi-connection';
import { needsAdvertisedSecurity } from './parse/wifi-security';
import { readProblem, readTextFile } from './files';
import { isUnknown } from './unknowns';

/**
 * Wi-Fi connections: the wireless adapters from sysfs, the connections from systeminformation
 * (nmcli, or iw + wpa_cli). si returns [] silently when those tools are missing or not permitted,
 * so an empty answer is only believed when sysfs agrees that no wireless interface is up.
 */
export function linuxWifiProbe(netRoot = '/sys/class/net'): Probe<'wifi'> {
  return { check: 'wifi', collect: async (host) => ({ connections: await wifiConnections(host, netRoot) }) };
}

interface WirelessInterface {
  name: string;
  /** false only when the kernel says the link is down; an unreadable state counts as possibly up. */
  mayBeConnected: boolean;
}

/** operstate values that rule out an association (Documentation/networking/operstates.rst). */
const LINK_DOWN = new Set(['down', 'lowerlayerdown', 'notpresent']);

async function wirelessInterfaces(host: Host, netRoot: string): Promise<WirelessInterface[] | Unknown> {
  const listing = await host.readDir(netRoot);
  if ('error' in listing) return listing.error === 'ENOENT' ? unknown('no-wifi-adapter', `${netRoot} not present`) : readProblem(netRoot, listing.error);
  const found: WirelessInterface[] = [];
  for (const name of listing.entries) {
    const dir = `${netRoot}/${name}`;
    const entries = await host.readDir(dir);
    if ('error' in entries) {
      if (entries.error === 'ENOENT') continue; // the interface went away while we listed
      return readProblem(dir, entries.error);
    }
    // cfg80211 gives every wireless netdev a `phy80211` link; old wireless-extensions drivers a `wireless` dir.
    if (!entries.entries.includes('wireless') && !entries.entries.includes('phy80211')) continue;
    const state = await readTextFile(host, `${dir}/operstate`);
    found.push({ name, mayBeConnected: !('text' in state && LINK_DOWN.has(state.text.trim())) });
  }
  return found;
}

async function wifiConnections(host: Host, netRoot: string): Promise<Observed<WifiConnection[]>> {
  const adapters = await wirelessInterfaces(host, netRoot);
  if (isUnknown(adapters)) return adapters;
  if (adapters.length === 0) return unknown('no-wifi-adapter', `no wireless interface under ${netRoot}`);

  const call = await host.call('systeminformation.wifiConnections', () => si.wifiConnections());
  if ('error' in call) return unknown('command-failed', `systeminformation.wifiConnections: ${call.error}`);
  const reported = siWifiConnectionsFrom(call.value);
  if (reported === null) return unknown('unparseable-output', 'systeminformation.wifiConnections: not a list');

  // An interface that may be associated but that si did not report means si could not see it.
  const unseen = adapters.filter((a) => a.mayBeConnected && !reported.some((c) => c.iface === a.name));
  if (unseen.length > 0) {
    const names = unseen.map((a) => a.name).join(', ');
    return unknown('not-supported', `${names} may be connected but systeminformation reported no connection (needs nmcli, or iw and wpa_cli)`);
  }

  // A scan only when a key management leaves the WPA generation (or open vs WEP) open.
  let networks: unknown = null;
  if (reported.some((c) => needsAdvertisedSecurity(c.security))) {
    const scan = await host.call('systeminformation.wifiNetworks', () => si.wifiNetworks());
    networks = 'value' in scan ? scan.value : null;
  }
  return known(reported.map((c) => wifiConnectionFrom(c, advertisedSecurityFor(c, networks))));
}
