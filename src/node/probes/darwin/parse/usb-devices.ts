import type { UsbDevice } from '../../../../shared/facts';
import type { JsonObject } from './json';
import { childItems, isObject, stringField, textField } from './json';

/** How one system_profiler USB report names a device's fields. */
interface ReportFields {
  vendorId(device: JsonObject): number | null;
  productId(device: JsonObject): number | null;
  /** The serial string, or null for none; serialKnown false when the report does not say. */
  serial(device: JsonObject): Pick<UsbDevice, 'serial' | 'serialKnown'> | 'invalid';
  manufacturer(device: JsonObject): string | null;
  location(device: JsonObject): string | null;
  interfaceClasses(device: JsonObject): number[];
}

const HEX_ID = /^0x([0-9a-f]{1,4})(?:\s+\(.*\))?$/i;
/** 16-bit id as system_profiler writes it: "0x0781" or "0x0781  (SanDisk Corporation)". */
function hexId(text: string | null): number | null {
  const m = text === null ? null : HEX_ID.exec(text);
  return m ? parseInt(m[1]!, 16) : null;
}

/** USB string descriptors hold at most 126 UTF-16 units; longer text is not a descriptor. */
const MAX_STRING = 255;
const descriptor = (device: JsonObject, key: string): string | null => textField(device, key)?.slice(0, MAX_STRING) ?? null;

function serialText(text: string): Pick<UsbDevice, 'serial' | 'serialKnown'> | 'invalid' {
  if (text.length > MAX_STRING) return 'invalid';
  // An empty iSerial string identifies nothing, exactly like none.
  return { serial: text === '' ? null : text, serialKnown: true };
}

/** Location ID: the port path of the device, stable across replugging; "/ 4" after it is the bus address. */
const LOCATION_ID = /^(0x[0-9a-f]{8})(?:\s*\/\s*\d+)?$/i;
const locationId = (text: string | null): string | null => (text === null ? null : (LOCATION_ID.exec(text)?.[1] ?? null));

/** Mass storage (bInterfaceClass 08). */
const MASS_STORAGE = 0x08;

/**
 * SPUSBDataType (macOS 10.15 to 15): vendor_id "0x0781  (SanDisk Corporation)", or
 * "apple_vendor_id" for Apple's own 0x05ac; no serial_num key when the device has no serial.
 * Interface classes are not in the report. A device with an attached disk lists it under "Media"
 * with its BSD name, which proves a mass-storage interface; any other device, including a
 * storage device whose disk macOS did not attach, gets no class: it can then only be allowed by
 * the approved list, never by class.
 */
const USB_REPORT: ReportFields = {
  vendorId: (d) => (stringField(d, 'vendor_id') === 'apple_vendor_id' ? 0x05ac : hexId(stringField(d, 'vendor_id'))),
  productId: (d) => hexId(stringField(d, 'product_id')),
  serial: (d) => {
    const text = stringField(d, 'serial_num');
    return text === null ? { serial: null, serialKnown: true } : serialText(text);
  },
  manufacturer: (d) => descriptor(d, 'manufacturer'),
  location: (d) => locationId(stringField(d, 'location_id')),
  interfaceClasses: (d) => {
    const media = d.Media;
    const attachedDisk = Array.isArray(media) && media.some((m) => isObject(m) && textField(m, 'bsd_name') !== null);
    return attachedDisk ? [MASS_STORAGE] : [];
  },
};

/** What SPUSBHostDataType writes for a device without a serial number string. */
const NO_SERIAL = 'Not Provided';

/**
 * SPUSBHostDataType (macOS 26 and later): USBDeviceKey* fields, "Not Provided" for no serial.
 * It has no "Media": no interface class can be inferred, every device gets none.
 */
const USB_HOST_REPORT: ReportFields = {
  vendorId: (d) => hexId(stringField(d, 'USBDeviceKeyVendorID')),
  productId: (d) => hexId(stringField(d, 'USBDeviceKeyProductID')),
  serial: (d) => {
    const text = stringField(d, 'USBDeviceKeySerialNumber');
    // Every device in the real captures has the key; without it we cannot tell "none" from "not read".
    if (text === null) return { serial: null, serialKnown: false };
    return text === NO_SERIAL ? { serial: null, serialKnown: true } : serialText(text);
  },
  manufacturer: (d) => descriptor(d, 'USBDeviceKeyVendorName'),
  location: (d) => {
    const text = stringField(d, 'USBKeyLocationID');
    return text !== null && /^0x[0-9a-f]{8}$/i.test(text) ? text : null;
  },
  interfaceClasses: () => [],
};

function deviceFrom(entry: JsonObject, fields: ReportFields): UsbDevice | null {
  const vendorId = fields.vendorId(entry);
  const productId = fields.productId(entry);
  const serial = fields.serial(entry);
  const location = fields.location(entry);
  if (vendorId === null || productId === null || serial === 'invalid' || location === null) return null;
  return {
    vendorId,
    productId,
    ...serial,
    deviceClass: 0, // bDeviceClass is not in either report; 0 = "defined by the interfaces"
    interfaceClasses: fields.interfaceClasses(entry),
    manufacturer: fields.manufacturer(entry),
    product: descriptor(entry, '_name'),
    location,
  };
}

/**
 * Every device below the buses: the report's top-level entries are host controllers (buses), their
 * `_items` the devices, whose own `_items` hang below them (hubs). One device we cannot identify
 * could be the one a rule is about: then the whole list is null.
 */
function devicesFrom(buses: readonly unknown[], fields: ReportFields): UsbDevice[] | null {
  const devices: UsbDevice[] = [];
  const below = (entry: JsonObject): boolean => {
    const children = childItems(entry);
    if (children === null) return false;
    for (const child of children) {
      const device = deviceFrom(child, fields);
      if (device === null) return false;
      devices.push(device); // a hub before the devices plugged into it
      if (!below(child)) return false;
    }
    return true;
  };
  for (const bus of buses) if (!isObject(bus) || !below(bus)) return null;
  return devices;
}

export const usbDevicesFromUsbReport = (buses: readonly unknown[]): UsbDevice[] | null => devicesFrom(buses, USB_REPORT);
export const usbDevicesFromUsbHostReport = (buses: readonly unknown[]): UsbDevice[] | null => devicesFrom(buses, USB_HOST_REPORT);
