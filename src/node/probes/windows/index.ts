import type { ProbeSet } from '../probe';
import { windowsScreenLockProbe } from './screen-lock';
import { windowsSoftwareProbe } from './software';
import { windowsUsbProbe } from './usb';
import { windowsWifiProbe } from './wifi';

/** The Windows probes: reg.exe, powercfg, tasklist, netsh and pnputil, run from System32 through the host. */
export const windowsProbes: ProbeSet = {
  'screen-lock': windowsScreenLockProbe,
  software: windowsSoftwareProbe,
  usb: windowsUsbProbe,
  wifi: windowsWifiProbe,
};
