import type { UsbDevice } from '../../shared/facts';
import type { Host } from '../host/host';

/** A device's classes as its own USB descriptors state them (node-usb reads these without opening the device). */
export interface DescriptorClasses {
  vendorId: number;
  productId: number;
  deviceClass: number;
  interfaceClasses: number[];
}

/** Every attached device's descriptor classes, through node-usb (libusb); one bad device is skipped, not fatal. */
function listDescriptorClasses(): DescriptorClasses[] {
  const { getDeviceList } = require('usb') as typeof import('usb');
  return getDeviceList().flatMap((device) => {
    try {
      const d = device.deviceDescriptor;
      // configDescriptor is read from the cached descriptors; it does not open the device.
      const interfaces = device.configDescriptor?.interfaces ?? [];
      const classes = [...new Set(interfaces.flatMap((alts) => alts.map((alt) => alt.bInterfaceClass)))];
      return [{ vendorId: d.idVendor, productId: d.idProduct, deviceClass: d.bDeviceClass, interfaceClasses: classes }];
    } catch {
      return [];
    }
  });
}

/** Read through the host, so a support bundle records (and replays) exactly what node-usb said. */
export async function readDescriptorClasses(host: Host): Promise<DescriptorClasses[] | null> {
  const out = await host.call('usb.descriptorClasses', async () => listDescriptorClasses());
  return 'value' in out && Array.isArray(out.value) ? out.value : null;
}

/**
 * Fills in the classes of devices whose OS report has none (macOS's system_profiler gives serials but
 * no classes), from the descriptors of the devices with the same vendor and product. Only when every
 * such device states the same classes: two different devices behind one id are never guessed at.
 */
export function withDescriptorClasses(devices: readonly UsbDevice[], descriptors: readonly DescriptorClasses[] | null): UsbDevice[] {
  if (!descriptors) return [...devices];
  return devices.map((device) => {
    if (device.interfaceClasses.length > 0 || device.deviceClass !== 0) return device;
    const same = descriptors.filter((d) => d.vendorId === device.vendorId && d.productId === device.productId);
    const first = same[0];
    if (!first) return device;
    const key = (d: DescriptorClasses) => `${d.deviceClass}:${[...d.interfaceClasses].sort((a, b) => a - b).join(',')}`;
    if (!same.every((d) => key(d) === key(first))) return device;
    return { ...device, deviceClass: first.deviceClass, interfaceClasses: [...first.interfaceClasses].sort((a, b) => a - b) };
  });
}
