import type { UsbDevice } from '../../../shared/facts';
import type { Observed, UnknownReason } from '../../../shared/observed';
import { known, unknown } from '../../../shared/observed';
import type { CommandSpec, Host } from '../../host/host';
import type { Probe } from '../probe';
import { SYSTEM_PROFILER_USB, SYSTEM_PROFILER_USB_HOST } from './commands';
import { usbDevicesFromUsbHostReport, usbDevicesFromUsbReport } from './parse/usb-devices';
import { commandLine, unparseable } from './results';
import { readDataType } from './system-profiler';
import { readDescriptorClasses, withDescriptorClasses } from '../usb-descriptors';

/**
 * Attached USB devices with their serials, from system_profiler (no admin rights, no opening of
 * devices), and their classes from node-usb. macOS 26 retired SPUSBDataType (it answers an empty list) for SPUSBHostDataType, so the
 * newer report is asked first and the older one only when this macOS does not know the newer.
 */
export function darwinUsbProbe(): Probe<'usb'> {
  return {
    check: 'usb',
    async collect(host) {
      const devices = await attachedDevices(host);
      if (devices.state === 'unknown') return { devices };
      // system_profiler has no classes: take them from the devices' own descriptors (hubs, keyboards, storage).
      return { devices: known(withDescriptorClasses(devices.value, await readDescriptorClasses(host))) };
    },
  };
}

/**
 * Failures after which the older report is not asked: system_profiler is missing, blocked or too
 * slow, which says nothing about whether this macOS knows SPUSBHostDataType. An empty SPUSBDataType
 * from a macOS 26 must never stand in for its device list.
 */
const FINAL_FAILURES: ReadonlySet<UnknownReason> = new Set(['command-missing', 'command-timeout', 'access-denied']);

async function attachedDevices(host: Host): Promise<Observed<UsbDevice[]>> {
  const hostReport = await readDataType(host, SYSTEM_PROFILER_USB_HOST);
  if (hostReport.state === 'read') return devicesOf(SYSTEM_PROFILER_USB_HOST, hostReport.entries, usbDevicesFromUsbHostReport);
  if (hostReport.state === 'failed' && FINAL_FAILURES.has(hostReport.why.reason)) return hostReport.why;

  const report = await readDataType(host, SYSTEM_PROFILER_USB);
  if (report.state === 'failed') return report.why;
  if (report.state === 'absent') return unparseable(SYSTEM_PROFILER_USB, 'neither SPUSBHostDataType nor SPUSBDataType in the output');
  return devicesOf(SYSTEM_PROFILER_USB, report.entries, usbDevicesFromUsbReport);
}

function devicesOf(spec: CommandSpec, buses: unknown[], parse: (buses: unknown[]) => UsbDevice[] | null): Observed<UsbDevice[]> {
  // Every Mac has at least one USB bus, listed even with nothing plugged in: an empty report is not "no devices".
  if (buses.length === 0) return unknown('no-usb-bus', `${commandLine(spec)} lists no USB bus`);
  const devices = parse(buses);
  return devices ? known(devices) : unparseable(spec, 'a device without a readable vendor, product, serial or location');
}
