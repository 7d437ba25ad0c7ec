import type { Probe } from '../probe';
import { SYSTEM_PROFILER_AIRPORT } from './commands';
import { wifiConnectionsFrom } from './parse/airport';
import { isUnknown } from './results';
import { readDataTypeEntries } from './system-profiler';

/**
 * Wi-Fi connections from system_profiler, which works without admin rights. Since macOS 15 the
 * SSID is withheld unless the reading process has Location Services permission: the connection is
 * then reported with its security and an unknown SSID (location-permission), never as no network.
 */
export function darwinWifiProbe(): Probe<'wifi'> {
  return {
    check: 'wifi',
    collect: async (host) => {
      const entries = await readDataTypeEntries(host, SYSTEM_PROFILER_AIRPORT);
      return { connections: isUnknown(entries) ? entries : wifiConnectionsFrom(entries) };
    },
  };
}
