import type { UsbDevice } from '../../../shared/facts';
import type { Observed, Unknown } from '../../../shared/observed';
import { known, unknown } from '../../../shared/observed';
import type { Host } from '../../host/host';
import type { Probe } from '../probe';
import type { SerialReading } from './parse/usb-sysfs';
import { deviceOfInterface, isUsbDeviceName, sysfsHex, usbDeviceFromSysfs } from './parse/usb-sysfs';
import { readListedFile, readProblem, readTextFile } from './files';
import { isUnknown } from './unknowns';

/**
 * Attached USB devices from sysfs, which any user may read (no udev rules, no opening devices).
 * The interfaces listed next to the devices are those of each device's active configuration.
 */
export function linuxUsbProbe(root = '/sys/bus/usb/devices'): Probe<'usb'> {
  return { check: 'usb', collect: async (host) => ({ devices: await attachedDevices(host, root) }) };
}

const IDENTIFYING: readonly string[] = ['idVendor', 'idProduct', 'bDeviceClass'];
const DESCRIPTIVE: readonly string[] = ['manufacturer', 'product'];

/**
 * A device, a reason the list cannot be trusted, 'gone' when it was unplugged before we read it, or
 * 'configuring' when the kernel has not yet set its configuration or registered all its interfaces.
 */
type DeviceRead = UsbDevice | Unknown | 'gone' | 'configuring';

/**
 * A hot-plug check can start between the device's uevent and the kernel's SET_CONFIGURATION, or while
 * its interfaces are still being added: judged then, an approved stick or a keyboard would lack
 * interface classes and read as unapproved (or a storage interface could be missed). So the
 * list is read again until every device is configured, for at most RETRIES × PAUSE_MS; a device the
 * kernel leaves unconfigured (short of bus power, say) is then judged as it is.
 */
const CONFIGURING_RETRIES = 20;
const CONFIGURING_PAUSE_MS = 50;

async function attachedDevices(host: Host, root: string): Promise<Observed<UsbDevice[]>> {
  for (let attempt = 0; ; attempt++) {
    const read = await readAttachedDevices(host, root, attempt < CONFIGURING_RETRIES);
    if (read !== 'configuring') return read;
    await new Promise((resolve) => setTimeout(resolve, CONFIGURING_PAUSE_MS));
  }
}

async function readAttachedDevices(host: Host, root: string, waitForConfiguration: boolean): Promise<Observed<UsbDevice[]> | 'configuring'> {
  const listing = await host.readDir(root);
  if ('error' in listing) return listing.error === 'ENOENT' ? unknown('no-usb-bus', root) : readProblem(root, listing.error);

  const interfacesOf = new Map<string, string[]>();
  for (const name of listing.entries) {
    const device = deviceOfInterface(name);
    if (device !== null) interfacesOf.set(device, [...(interfacesOf.get(device) ?? []), name]);
  }
  const reads = await Promise.all(
    listing.entries.filter(isUsbDeviceName).map((name) => readDevice(host, root, name, interfacesOf.get(name) ?? [], waitForConfiguration)),
  );
  const devices: UsbDevice[] = [];
  for (const read of reads) {
    if (read === 'gone') continue;
    if (read === 'configuring') return read;
    // One device we cannot identify could be the one a rule is about: the whole list becomes unknown.
    if (isUnknown(read)) return read;
    devices.push(read);
  }
  return known(devices);
}

async function readDevice(host: Host, root: string, name: string, interfaceNames: readonly string[], waitForConfiguration: boolean): Promise<DeviceRead> {
  const dir = `${root}/${name}`;
  const listing = await host.readDir(dir);
  if ('error' in listing) return listing.error === 'ENOENT' ? 'gone' : readProblem(dir, listing.error);
  const present = new Set(listing.entries);
  if (waitForConfiguration && (await isConfiguring(host, dir, present, interfaceNames.length))) return 'configuring';

  const texts = new Map<string, string | null>();
  for (const file of [...IDENTIFYING, ...DESCRIPTIVE]) {
    const path = `${dir}/${file}`;
    if (!present.has(file)) {
      if (IDENTIFYING.includes(file)) return unknown('unparseable-output', `${dir} has no ${file}`);
      texts.set(file, null); // the device has no such string descriptor
      continue;
    }
    const text = await readListedFile(host, path);
    if (isUnknown(text)) return text;
    texts.set(file, text);
  }

  const serial = await readSerial(host, dir, present.has('serial'));
  const interfaceClasses = await readInterfaceClasses(host, root, interfaceNames);
  if (isUnknown(interfaceClasses)) return interfaceClasses;

  const attributes = {
    idVendor: texts.get('idVendor')!,
    idProduct: texts.get('idProduct')!,
    bDeviceClass: texts.get('bDeviceClass')!,
    manufacturer: texts.get('manufacturer') ?? null,
    product: texts.get('product') ?? null,
    serial,
  };
  return usbDeviceFromSysfs(name, attributes, interfaceClasses) ?? unknown('unparseable-output', `${dir}: identifying attributes not in the kernel's format`);
}

/**
 * On a device the kernel is allowed to configure: no active configuration yet (bConfigurationValue
 * empty), or one whose interfaces are not all registered yet (the kernel sets the configuration
 * first, then adds its interfaces one by one: fewer listed than bNumInterfaces).
 */
async function isConfiguring(host: Host, dir: string, present: ReadonlySet<string>, interfacesListed: number): Promise<boolean> {
  const configuration = present.has('bConfigurationValue') ? await readTextFile(host, `${dir}/bConfigurationValue`) : null;
  const unconfigured = configuration !== null && 'text' in configuration && configuration.text.trim() === '';
  const interfaces = !unconfigured && present.has('bNumInterfaces') ? await readTextFile(host, `${dir}/bNumInterfaces`) : null;
  const missingInterfaces = interfaces !== null && 'text' in interfaces && Number.parseInt(interfaces.text, 10) > interfacesListed;
  if (!unconfigured && !missingInterfaces) return false;
  const authorized = present.has('authorized') ? await readTextFile(host, `${dir}/authorized`) : null;
  return !(authorized && 'text' in authorized && authorized.text.trim() === '0');
}

/**
 * No serial file: the device reports no iSerial. A serial file we cannot read: we do not know the
 * serial, which a serial rule must not decide on (serialKnown false).
 */
async function readSerial(host: Host, dir: string, listed: boolean): Promise<SerialReading> {
  if (!listed) return { state: 'absent' };
  const read = await readTextFile(host, `${dir}/serial`);
  return 'text' in read ? { state: 'read', text: read.text } : { state: 'unreadable' };
}

/** bInterfaceClass of each interface; a missing one is not skipped, or a storage interface could hide behind a HID one. */
async function readInterfaceClasses(host: Host, root: string, interfaceNames: readonly string[]): Promise<number[] | Unknown> {
  const classes: number[] = [];
  for (const name of interfaceNames) {
    const path = `${root}/${name}/bInterfaceClass`;
    const text = await readListedFile(host, path);
    if (isUnknown(text)) return text;
    const value = sysfsHex(text, 2);
    if (value === null) return unknown('unparseable-output', `${path}: ${text.slice(0, 20)}`);
    classes.push(value);
  }
  return classes;
}
