import type { UsbDevice } from '../../../../shared/facts';

/**
 * Names in /sys/bus/usb/devices. The kernel names them itself (drivers/usb/core): root hubs
 * `usb<bus>`, other devices `<bus>-<port>[.<port>…]`, interfaces `<device>:<config>.<interface>`
 * where a root hub's interfaces use `<bus>-0`. Nothing else lives there.
 */
const DEVICE_NAME = /^(?:usb\d+|\d+-\d+(?:\.\d+)*)$/;
const INTERFACE_NAME = /^(\d+)-([\d.]+):\d+\.\d+$/;

export const isUsbDeviceName = (name: string): boolean => DEVICE_NAME.test(name);

/** The device an interface entry belongs to (`1-1.2:1.0` → `1-1.2`, `1-0:1.0` → `usb1`), or null. */
export function deviceOfInterface(name: string): string | null {
  const m = INTERFACE_NAME.exec(name);
  if (!m) return null;
  const [, bus, ports] = m as unknown as [string, string, string];
  return ports === '0' ? `usb${bus}` : `${bus}-${ports}`;
}

/** A sysfs attribute's text: the kernel ends every value with one newline. */
export const sysfsValue = (content: string): string => (content.endsWith('\n') ? content.slice(0, -1) : content);

/** A hex attribute of exactly `digits` digits (idVendor `0781`, bDeviceClass `09`), or null. */
export function sysfsHex(content: string, digits: number): number | null {
  const v = sysfsValue(content);
  return new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(v) ? parseInt(v, 16) : null;
}

/** The serial as read: absent (the device reports no iSerial), read, or unreadable. */
export type SerialReading = { state: 'absent' } | { state: 'read'; text: string } | { state: 'unreadable' };

export interface UsbSysfsAttributes {
  idVendor: string;
  idProduct: string;
  bDeviceClass: string;
  serial: SerialReading;
  manufacturer: string | null;
  product: string | null;
}

/** USB string descriptors hold at most 126 UTF-16 units; longer text is not a descriptor. */
const MAX_STRING = 255;

function descriptorString(content: string | null): string | null | 'invalid' {
  if (content === null) return null;
  const v = sysfsValue(content);
  if (v.length > MAX_STRING) return 'invalid';
  return v === '' ? null : v;
}

/** One device from its sysfs attributes, or null when an identifying attribute is not what the kernel writes. */
export function usbDeviceFromSysfs(location: string, a: UsbSysfsAttributes, interfaceClasses: readonly number[]): UsbDevice | null {
  const vendorId = sysfsHex(a.idVendor, 4);
  const productId = sysfsHex(a.idProduct, 4);
  const deviceClass = sysfsHex(a.bDeviceClass, 2);
  const manufacturer = descriptorString(a.manufacturer);
  const product = descriptorString(a.product);
  const serial = a.serial.state === 'read' ? descriptorString(a.serial.text) : null;
  if (vendorId === null || productId === null || deviceClass === null) return null;
  if (manufacturer === 'invalid' || product === 'invalid' || serial === 'invalid') return null;
  return {
    vendorId,
    productId,
    // An empty iSerial string identifies nothing, exactly like none: both are null with serialKnown true.
    serial,
    serialKnown: a.serial.state !== 'unreadable',
    deviceClass,
    interfaceClasses: [...new Set(interfaceClasses)],
    manufacturer,
    product,
    location,
  };
}
