import type { ProbeSet } from '../probe';
import { darwinScreenLockProbe } from './screen-lock';
import { darwinSoftwareProbe } from './software';
import { darwinUsbProbe } from './usb';
import { darwinWifiProbe } from './wifi';

/** macOS probes: command-line tools only, run as the logged-in user by the tray app. */
export const darwinProbes: ProbeSet = {
  'screen-lock': darwinScreenLockProbe(),
  software: darwinSoftwareProbe(),
  usb: darwinUsbProbe(),
  wifi: darwinWifiProbe(),
};
