import type { UsbDevice } from '../../../../shared/facts';
import type { PnpDevice } from './pnputil';

/**
 * USB devices from the PnP device tree (pnputil /relations).
 *
 * Serial: a USB device's instance ID is USB\VID_vvvv&PID_pppp\<instance>. The hub driver uses the
 * device's iSerialNumber as <instance> only when the device reports a usable one; otherwise the PnP
 * manager makes one up from the port, which always contains '&' (e.g. 5&3a692ce1&0&9): Microsoft
 * "Instance ID" (UniqueID = FALSE → the PnP manager modifies the bus-supplied ID), "USB Device
 * Registry Entries" (IgnoreHWSerNum: "the device instance is tied to the port"), and the forensic
 * rule "a '&' as second character means Windows issued the ID" (hatsoffsecurity.com, 2014). From
 * the ID alone, "no serial" cannot be told from "serial ignored by Windows", so such a device is
 * serialKnown = false. USBSTOR\…\<id>&0 is not used for the serial: for composite devices it is
 * Windows-made (8&12b32204&0&<serial>&0, Neradoc/discotool#2) and for some drives it is shortened
 * (Jinjinov/Usb.Events#11).
 *
 * Interface classes: from the Windows setup class of each function (the device itself, or each
 * USB\…&MI_nn child of a composite device), or mass storage (0x08) when a USBSTOR disk hangs below
 * it. A function whose class we cannot map leaves the device's list empty, so no class rule can
 * approve a device on the strength of only some of its interfaces.
 */
const USB_DEVICE = /^USB\\VID_([0-9A-F]{4})&PID_([0-9A-F]{4})\\([^\\]+)$/i;
const USB_INTERFACE = /^USB\\VID_[0-9A-F]{4}&PID_[0-9A-F]{4}&MI_[0-9A-F]{2}\\/i;
const USB_STORAGE = /^USBSTOR\\/i;

const CLASS_HID = 0x03;
const CLASS_MASS_STORAGE = 0x08;
const CLASS_HUB = 0x09;

/** Windows setup classes (system-defined device setup classes) whose devices are of one USB class. */
const USB_CLASS_OF_SETUP_CLASS: Record<string, number> = {
  '745a17a0-74d3-11d0-b6fe-00a0c90f57da': CLASS_HID, // HIDClass
  '4d36e96b-e325-11ce-bfc1-08002be10318': CLASS_HID, // Keyboard
  '4d36e96f-e325-11ce-bfc1-08002be10318': CLASS_HID, // Mouse
  'ca3e7ab9-b4c3-4ae6-8251-579ef933890f': 0x0e, // Camera (video)
  'e0cbf06c-cd8b-4647-bb8a-263b43f0f974': 0xe0, // Bluetooth (wireless controller)
};
/** Setup classes that, below a USB function, mean it is mass storage. */
const STORAGE_SETUP_CLASSES = new Set([
  '4d36e967-e325-11ce-bfc1-08002be10318', // DiskDrive
  '4d36e965-e325-11ce-bfc1-08002be10318', // CDROM
]);

export function usbDevicesFromPnp(pnp: readonly PnpDevice[]): UsbDevice[] {
  const children = new Map<string, PnpDevice[]>();
  for (const d of pnp) if (d.parent) children.set(d.parent.toUpperCase(), [...(children.get(d.parent.toUpperCase()) ?? []), d]);
  const childrenOf = (d: PnpDevice) => children.get(d.instanceId.toUpperCase()) ?? [];
  /** What hangs below a device and belongs to it: the walk stops at other USB devices (those behind a hub). */
  const descendantsOf = (d: PnpDevice): PnpDevice[] => {
    const found: PnpDevice[] = [];
    const queue = childrenOf(d).filter((c) => !USB_DEVICE.test(c.instanceId));
    for (let next = queue.shift(); next; next = queue.shift()) {
      if (found.length > 10_000) break; // a malformed tree (a cycle) must not loop forever
      found.push(next);
      queue.push(...childrenOf(next).filter((c) => !USB_DEVICE.test(c.instanceId)));
    }
    return found;
  };

  const devices: UsbDevice[] = [];
  for (const d of pnp) {
    const id = USB_DEVICE.exec(d.instanceId);
    if (!id) continue;
    const instance = id[3]!;
    const own = childrenOf(d);
    const isHub = own.some((c) => USB_DEVICE.test(c.instanceId));
    const interfaces = own.filter((c) => USB_INTERFACE.test(c.instanceId));
    const functions = interfaces.length > 0 ? interfaces : [d];
    const classes = isHub ? [CLASS_HUB] : functions.map((f) => usbClassOf(f, descendantsOf(f)));
    const storage = descendantsOf(d).find((c) => USB_STORAGE.test(c.instanceId));
    const generated = instance.includes('&');
    devices.push({
      vendorId: Number.parseInt(id[1]!, 16),
      productId: Number.parseInt(id[2]!, 16),
      serial: generated ? null : instance.slice(0, 255),
      serialKnown: !generated,
      deviceClass: isHub ? CLASS_HUB : 0,
      interfaceClasses: classes.includes(null) ? [] : [...new Set(classes as number[])].sort((a, b) => a - b),
      // pnputil's "Manufacturer Name" is the driver package's provider, not the device's: left out.
      manufacturer: null,
      product: (storage?.description || d.description || null)?.slice(0, 255) ?? null,
      location: d.instanceId.slice(0, 255),
    });
  }
  return devices;
}

function usbClassOf(fn: PnpDevice, below: readonly PnpDevice[]): number | null {
  const own = fn.classGuid ? USB_CLASS_OF_SETUP_CLASS[fn.classGuid] : undefined;
  if (own !== undefined) return own;
  const isStorage = below.some((c) => USB_STORAGE.test(c.instanceId) || (c.classGuid !== null && STORAGE_SETUP_CLASSES.has(c.classGuid)));
  return isStorage ? CLASS_MASS_STORAGE : null;
}
