import type { ProbeSet } from '../probe';
import { linuxScreenLockProbe } from './screen-lock';
import { linuxSoftwareProbe } from './software';
import { linuxUsbProbe } from './usb';
import { linuxWifiProbe } from './wifi';

/** The Linux probes, reading the real /sys paths. */
export const linuxProbes: ProbeSet = {
  'screen-lock': linuxScreenLockProbe,
  software: linuxSoftwareProbe,
  usb: linuxUsbProbe(),
  wifi: linuxWifiProbe(),
};
