import type { Systeminformation } from 'systeminformation';

/**
 * The few systeminformation functions Mamori uses, loaded from their own modules on first use.
 * The package's index loads every module it has (CPU, graphics, Docker…): about 9 MB of resident
 * memory the agent would carry all day for nothing (npm run bench measures the watcher's RSS).
 */
export const systemInformation = {
  processes: (): Promise<Systeminformation.ProcessesData> =>
    (require('systeminformation/lib/processes') as { processes: () => Promise<Systeminformation.ProcessesData> }).processes(),
  wifiConnections: (): Promise<Systeminformation.WifiConnectionData[]> =>
    (require('systeminformation/lib/wifi') as { wifiConnections: () => Promise<Systeminformation.WifiConnectionData[]> }).wifiConnections(),
  wifiNetworks: (): Promise<Systeminformation.WifiNetworkData[]> =>
    (require('systeminformation/lib/wifi') as { wifiNetworks: () => Promise<Systeminformation.WifiNetworkData[]> }).wifiNetworks(),
};
