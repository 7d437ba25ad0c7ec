import type { UsbDevice } from '../facts';
import type { z } from 'zod';
import type { ApprovedUsbDevice } from './schema';

type ApprovedInput = z.input<typeof ApprovedUsbDevice>;
const hex = (n: number, digits: number) => n.toString(16).padStart(digits, '0');

/**
 * An attached device as a ready-to-paste `usb.approved` entry: exactly this device — its serial, or
 * `{ "absent": true }` when it reports none. When the OS could not read the serial, the entry names
 * the model only, and `serialUnreadable` says so, so the administrator decides knowingly.
 */
export function approvedEntryFor(device: UsbDevice): { entry: ApprovedInput; serialUnreadable: boolean } {
  const name = [device.manufacturer, device.product].filter(Boolean).join(' ') || `${hex(device.vendorId, 4)}:${hex(device.productId, 4)}`;
  const serialPart = device.serial ? `-${device.serial.replace(/[^A-Za-z0-9]/g, '').slice(0, 24)}` : '';
  const classes = device.interfaceClasses.length > 0 ? device.interfaceClasses : device.deviceClass !== 0 ? [device.deviceClass] : [];
  const entry: ApprovedInput = {
    id: `usb-${hex(device.vendorId, 4)}-${hex(device.productId, 4)}${serialPart}`.slice(0, 64),
    label: { ja: name },
    vendorId: hex(device.vendorId, 4),
    productId: hex(device.productId, 4),
    ...(device.serialKnown && { serial: device.serial ?? { absent: true as const } }),
    ...(classes.length > 0 && { interfaceClasses: classes.map((c) => hex(c, 2)) }),
  };
  return { entry, serialUnreadable: !device.serialKnown };
}
