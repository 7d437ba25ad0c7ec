import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LiveHost } from '../../../../src/node/host/live-host';
import { linuxUsbProbe } from '../../../../src/node/probes/linux/usb';
import { FakeHost } from '../../../support/fake-host';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../fixtures/linux', name), 'utf8');
const temps: string[] = [];
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Writes a sysfs-like tree: every attribute file ends with a newline, as the kernel writes them. */
function sysfsTree(devices: Record<string, Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'mamori-usb-'));
  temps.push(root);
  for (const [name, attributes] of Object.entries(devices)) {
    mkdirSync(join(root, name));
    for (const [file, value] of Object.entries(attributes)) writeFileSync(join(root, name, file), `${value}\n`);
  }
  return root;
}

describe('Linux USB probe on this machine', () => {
  it.runIf(!existsSync('/sys/bus/usb/devices'))('has no USB bus: unknown no-usb-bus', async () => {
    expect(await linuxUsbProbe().collect(new LiveHost())).toEqual({ devices: { state: 'unknown', reason: 'no-usb-bus', detail: '/sys/bus/usb/devices' } });
  });
  it.runIf(existsSync('/sys/bus/usb/devices'))('has a USB bus: a known list', async () => {
    expect((await linuxUsbProbe().collect(new LiveHost())).devices.state).toBe('known');
  });
});

describe('Linux USB probe on a constructed sysfs tree (temp dir)', () => {
  // Constructed: a root hub, a USB stick with a serial, a keyboard without one (two HID interfaces).
  const root = sysfsTree({
    usb1: { idVendor: '1d6b', idProduct: '0002', bDeviceClass: '09', serial: '0000:00:14.0', manufacturer: 'Linux 6.8.0 xhci-hcd', product: 'xHCI Host Controller' },
    '1-0:1.0': { bInterfaceClass: '09' },
    '1-1': { idVendor: '0781', idProduct: '5567', bDeviceClass: '00', serial: '4C530001230101114315', manufacturer: 'SanDisk', product: 'Cruzer Blade' },
    '1-1:1.0': { bInterfaceClass: '08' },
    '1-1.2': { idVendor: '046d', idProduct: 'c31c', bDeviceClass: '00', product: 'USB Keyboard' },
    '1-1.2:1.0': { bInterfaceClass: '03' },
    '1-1.2:1.1': { bInterfaceClass: '03' },
  });

  it('reads every device, its interfaces, and a missing serial file as "no serial"', async () => {
    expect(await linuxUsbProbe(root).collect(new LiveHost())).toEqual({
      devices: {
        state: 'known',
        value: [
          {
            vendorId: 0x0781,
            productId: 0x5567,
            serial: '4C530001230101114315',
            serialKnown: true,
            deviceClass: 0,
            interfaceClasses: [0x08],
            manufacturer: 'SanDisk',
            product: 'Cruzer Blade',
            location: '1-1',
          },
          {
            vendorId: 0x046d,
            productId: 0xc31c,
            serial: null,
            serialKnown: true,
            deviceClass: 0,
            interfaceClasses: [0x03],
            manufacturer: null,
            product: 'USB Keyboard',
            location: '1-1.2',
          },
          {
            vendorId: 0x1d6b,
            productId: 0x0002,
            serial: '0000:00:14.0',
            serialKnown: true,
            deviceClass: 0x09,
            interfaceClasses: [0x09],
            manufacturer: 'Linux 6.8.0 xhci-hcd',
            product: 'xHCI Host Controller',
            location: 'usb1',
          },
        ],
      },
    });
  });

  it('a device whose idVendor is not 4 hex digits makes the list unknown', async () => {
    const bad = sysfsTree({ '2-1': { idVendor: 'zzzz', idProduct: '0001', bDeviceClass: '00' } });
    expect((await linuxUsbProbe(bad).collect(new LiveHost())).devices).toMatchObject({ state: 'unknown', reason: 'unparseable-output' });
  });
});

/** Turns a umockdev-record file into sysfs directories: one per usb_device record, one file per `A:` attribute. */
function treeFromUmockdev(text: string): string {
  const devices: Record<string, Record<string, string>> = {};
  for (const record of text.split(/\n\n+/)) {
    const lines = record.split('\n');
    const path = lines.find((l) => l.startsWith('P: '))?.slice(3);
    if (!path || !lines.includes('E: DEVTYPE=usb_device')) continue;
    devices[basename(path)] = Object.fromEntries(
      lines.filter((l) => l.startsWith('A: ')).map((l) => [l.slice(3, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
  }
  return sysfsTree(devices);
}

describe('Linux USB probe on real attribute values (USBGuard umockdev recording)', () => {
  // The recording holds the usb_device attributes of a real ThinkPad with a dock, but no interface
  // entries, so interfaceClasses are empty here; interfaces are covered by the constructed tree above.
  const root = treeFromUmockdev(fixture('usbguard_devices.umockdev'));

  it('reads the seven devices with their recorded identities', async () => {
    const facts = await linuxUsbProbe(root).collect(new LiveHost());
    expect(facts.devices.state).toBe('known');
    if (facts.devices.state !== 'known') return;
    const summary = facts.devices.value.map((d) => [d.location, d.vendorId.toString(16).padStart(4, '0'), d.productId.toString(16).padStart(4, '0'), d.deviceClass, d.serial]);
    expect(summary).toEqual([
      ['1-4', '17ef', '305a', 0x09, null],
      ['1-4.1', '05e3', '0614', 0x09, null],
      ['1-4.1.3', '1111', '1111', 0x00, null],
      ['1-4.2', '047d', '2048', 0x00, null],
      ['1-4.4', '17ef', '305b', 0x09, null],
      ['1-8', '5986', '0706', 0xef, null],
      ['usb1', '1d6b', '0002', 0x09, '0000:00:14.0'],
    ]);
    expect(facts.devices.value.find((d) => d.location === '1-4.2')).toMatchObject({
      manufacturer: 'Primax',
      product: 'Kensington Eagle Trackball',
      serialKnown: true,
      interfaceClasses: [],
    });
    expect(facts.devices.value.find((d) => d.location === '1-4.1')).toMatchObject({ manufacturer: null, product: 'USB2.0 Hub Charger' });
  });
});

describe('Linux USB probe, read failures (fake host)', () => {
  const root = '/sys/bus/usb/devices';
  const stick = { idVendor: '0781\n', idProduct: '5567\n', bDeviceClass: '00\n' };
  const files = (dir: string, attrs: Record<string, string | { error: string }>) =>
    Object.fromEntries(Object.entries(attrs).map(([k, v]) => [`${root}/${dir}/${k}`, v]));

  it('an unreadable serial file: serial unknown (serialKnown false), not "no serial"', async () => {
    const host = new FakeHost({
      dirs: { [root]: ['1-1'], [`${root}/1-1`]: ['idVendor', 'idProduct', 'bDeviceClass', 'serial'] },
      files: files('1-1', { ...stick, serial: { error: 'EACCES' } }),
    });
    expect((await linuxUsbProbe().collect(host)).devices).toMatchObject({ state: 'known', value: [{ serial: null, serialKnown: false }] });
  });

  it('a device unplugged between listing the bus and reading it is skipped', async () => {
    const host = new FakeHost({ dirs: { [root]: ['1-1', '1-2'], [`${root}/1-2`]: ['idVendor', 'idProduct', 'bDeviceClass'] }, files: files('1-2', stick) });
    expect((await linuxUsbProbe().collect(host)).devices).toMatchObject({ state: 'known', value: [{ location: '1-2' }] });
  });

  it('an interface whose class cannot be read makes the list unknown (it could be the storage one)', async () => {
    const host = new FakeHost({ dirs: { [root]: ['1-1', '1-1:1.0'], [`${root}/1-1`]: ['idVendor', 'idProduct', 'bDeviceClass'] }, files: files('1-1', stick) });
    expect((await linuxUsbProbe().collect(host)).devices).toMatchObject({ state: 'unknown', reason: 'command-failed' });
  });

  it('a permission error on the bus is access-denied', async () => {
    const host = new FakeHost({ dirs: { [root]: { error: 'EACCES' } } });
    expect((await linuxUsbProbe().collect(host)).devices).toMatchObject({ state: 'unknown', reason: 'access-denied' });
  });

  it('a bus with no devices is a known empty list', async () => {
    expect((await linuxUsbProbe().collect(new FakeHost({ dirs: { [root]: [] } }))).devices).toEqual({ state: 'known', value: [] });
  });
});

describe('Linux USB probe, a device caught before the kernel configured it (found by test/e2e)', () => {
  const stick = { idVendor: '090c', idProduct: '1000', bDeviceClass: '00', manufacturer: 'Silicon Motion', product: 'Flash Disk', authorized: '1' };

  it('waits for the configuration, so the interface classes are those the device has', async () => {
    const root = sysfsTree({ '1-1': { ...stick, bConfigurationValue: '' } });
    // The kernel's SET_CONFIGURATION lands while the probe is already reading.
    setTimeout(() => {
      writeFileSync(join(root, '1-1', 'bConfigurationValue'), '1\n');
      mkdirSync(join(root, '1-1:1.0'));
      writeFileSync(join(root, '1-1:1.0', 'bInterfaceClass'), '08\n');
    }, 120);
    const { devices } = await linuxUsbProbe(root).collect(new LiveHost());
    expect(devices).toMatchObject({ state: 'known', value: [{ vendorId: 0x090c, interfaceClasses: [0x08] }] });
  });

  it('waits for every interface of the active configuration (the kernel adds them one by one)', async () => {
    // A keyboard-looking first interface must not hide the storage one that is about to appear.
    const root = sysfsTree({ '1-1': { ...stick, bConfigurationValue: '1', bNumInterfaces: ' 2' }, '1-1:1.0': { bInterfaceClass: '03' } });
    setTimeout(() => {
      mkdirSync(join(root, '1-1:1.1'));
      writeFileSync(join(root, '1-1:1.1', 'bInterfaceClass'), '08\n');
    }, 120);
    const { devices } = await linuxUsbProbe(root).collect(new LiveHost());
    expect(devices).toMatchObject({ state: 'known', value: [{ vendorId: 0x090c, interfaceClasses: [0x03, 0x08] }] });
  });

  it('judges a device the kernel may not configure (authorized 0) as it is, without waiting for it', async () => {
    const root = sysfsTree({ '1-1': { ...stick, bConfigurationValue: '', authorized: '0' } });
    const { devices } = await linuxUsbProbe(root).collect(new LiveHost());
    expect(devices).toMatchObject({ state: 'known', value: [{ vendorId: 0x090c, interfaceClasses: [] }] });
  });
});
