import { describe, expect, it } from 'vitest';
import type { UsbDevice } from '../../../../src/shared/facts';
import { known, unknown } from '../../../../src/shared/observed';
import { SYSTEM_PROFILER_USB, SYSTEM_PROFILER_USB_HOST } from '../../../../src/node/probes/darwin/commands';
import { darwinProbes } from '../../../../src/node/probes/darwin';
import type { BundleRecord } from '../../../../src/node/host/bundle-format';
import type { RecordedRun } from './bundle';
import { macFixture, macHost, ran } from './bundle';

const usb = (...records: BundleRecord[]) => darwinProbes.usb.collect(macHost(...records));
const hostReport = (run: RecordedRun) => ran(SYSTEM_PROFILER_USB_HOST, run);
const usbReport = (run: RecordedRun) => ran(SYSTEM_PROFILER_USB, run);
/** What a macOS before 26 answers for SPUSBHostDataType is not known: "{}" is a constructed stand-in. */
const BEFORE_MACOS_26 = hostReport({ stdout: '{}\n' });

const device = (d: Partial<UsbDevice> & Pick<UsbDevice, 'vendorId' | 'productId' | 'location'>): UsbDevice => ({
  serial: null,
  serialKnown: true,
  deviceClass: 0,
  interfaceClasses: [],
  manufacturer: null,
  product: null,
  ...d,
});

describe('macOS USB, macOS 26: system_profiler SPUSBHostDataType -json', () => {
  it('lists the devices under each bus, hubs included (real, macOS 26)', async () => {
    const facts = await usb(hostReport({ stdout: macFixture('system_profiler_SPUSBHostDataType.tahoe-basic.lsusb-macos.json') }));
    expect(facts.devices).toEqual(
      known([
        device({ vendorId: 0x154b, productId: 0x1006, serial: '0000000000000000', manufacturer: 'PNY', product: 'USB 3.2.1 FD', location: '0x00100000' }),
        device({
          vendorId: 0x303a,
          productId: 0x1001,
          serial: '00:00:00:00:00:00',
          manufacturer: 'Espressif',
          product: 'USB JTAG/serial debug unit',
          location: '0x01100000',
        }),
      ]),
    );
  });

  it('walks nested hubs; "Not Provided" is a device without a serial (real, macOS 26)', async () => {
    const facts = await usb(hostReport({ stdout: macFixture('system_profiler_SPUSBHostDataType.tahoe-full.lsusb-macos.json') }));
    expect(facts.devices.state).toBe('known');
    const devices = facts.devices.state === 'known' ? facts.devices.value : [];
    expect(devices.map((d) => d.location)).toEqual([
      '0x01100000', '0x01150000', '0x01140000', '0x01142000', '0x01145000', '0x01130000', '0x01131000', '0x01131100',
      '0x01133000', '0x01134000', '0x01110000', '0x01200000', '0x01240000', '0x01244000', '0x01230000', '0x01220000',
    ]);
    expect(devices[7]).toEqual(
      device({ vendorId: 0x05ac, productId: 0x0324, serial: '0000000000000', manufacturer: 'Apple Inc.', product: 'Magic Trackpad', location: '0x01131100' }),
    );
    expect(devices[3]).toEqual(
      device({ vendorId: 0x046d, productId: 0x0ab5, serial: null, serialKnown: true, manufacturer: 'Logitech', product: 'G733 Gaming Headset', location: '0x01142000' }),
    );
    expect(devices[10]).toEqual(device({ vendorId: 0x1d5c, productId: 0x7112, manufacturer: null, product: 'Unnamed Device', location: '0x01110000' }));
  });

  it('a device without the serial key has an unknown serial, not "no serial" (constructed)', async () => {
    const stdout = JSON.stringify({
      SPUSBHostDataType: [{ _name: 'USB 3.1 Bus', _items: [{ _name: 'Stick', USBDeviceKeyVendorID: '0x0781', USBDeviceKeyProductID: '0x5567', USBKeyLocationID: '0x00100000' }] }],
    });
    const facts = await usb(hostReport({ stdout }));
    expect(facts.devices).toEqual(known([device({ vendorId: 0x0781, productId: 0x5567, serialKnown: false, product: 'Stick', location: '0x00100000' })]));
  });

  it('the older report is not consulted when the newer one answers', async () => {
    const empty = JSON.stringify({ SPUSBHostDataType: [{ _name: 'USB 3.1 Bus', Driver: 'AppleT8132USBXHCI' }] });
    const facts = await usb(hostReport({ stdout: empty }), usbReport({ stdout: macFixture('system_profiler_SPUSBDataType.sequoia-intel-basic.lsusb-macos.json') }));
    expect(facts.devices).toEqual(known([]));
  });

  it.each([
    ['ENOENT', 'command-missing'],
    ['TIMEOUT', 'command-timeout'],
  ] as const)('%s is unknown (%s), without falling back to the older report', async (error, reason) => {
    const facts = await usb(hostReport({ error }), usbReport({ stdout: macFixture('system_profiler_SPUSBDataType.sequoia-intel-basic.lsusb-macos.json') }));
    expect(facts.devices).toEqual(unknown(reason, '/usr/sbin/system_profiler'));
  });

  it('truncated JSON from a macOS 26, whose older report is empty, is unknown (constructed empty report)', async () => {
    const truncated = macFixture('system_profiler_SPUSBHostDataType.tahoe-full.lsusb-macos.json').slice(0, 2000);
    const facts = await usb(hostReport({ stdout: truncated }), usbReport({ stdout: '{\n  "SPUSBDataType" : [ ]\n}\n' }));
    expect(facts.devices).toEqual(unknown('no-usb-bus', '/usr/sbin/system_profiler SPUSBDataType -json lists no USB bus'));
  });

  it('a device whose vendor id cannot be read makes the whole list unknown (constructed)', async () => {
    const stdout = JSON.stringify({ SPUSBHostDataType: [{ _items: [{ _name: 'Odd', USBDeviceKeyVendorID: 'vendor', USBDeviceKeyProductID: '0x0001', USBKeyLocationID: '0x00100000' }] }] });
    expect((await usb(hostReport({ stdout }))).devices).toEqual(
      unknown('unparseable-output', '/usr/sbin/system_profiler SPUSBHostDataType -json: a device without a readable vendor, product, serial or location'),
    );
  });
});

describe('macOS USB, macOS 10.15 to 15: system_profiler SPUSBDataType -json', () => {
  it('an attached disk ("Media") marks mass storage; apple_vendor_id is 0x05ac; a missing serial_num is no serial (real, Intel, macOS 15)', async () => {
    const facts = await usb(BEFORE_MACOS_26, usbReport({ stdout: macFixture('system_profiler_SPUSBDataType.sequoia-intel-basic.lsusb-macos.json') }));
    expect(facts.devices).toEqual(
      known([
        device({
          vendorId: 0x154b,
          productId: 0x1006,
          serial: '071C4270DA11F516',
          interfaceClasses: [0x08],
          manufacturer: 'PNY',
          product: 'USB 3.2.1 FD',
          location: '0x14500000',
        }),
        device({ vendorId: 0x05ac, productId: 0x8290, manufacturer: 'Broadcom Corp.', product: 'Bluetooth USB Host Controller', location: '0x14300000' }),
        device({
          vendorId: 0x05ac,
          productId: 0x1500,
          serial: '000000000         ',
          manufacturer: 'Apple Inc.',
          product: 'MacBook Air SuperDrive',
          location: '0x14100000',
        }),
      ]),
    );
  });

  it('walks a hub and reads a vendor id without a vendor name (real, Apple silicon)', async () => {
    const facts = await usb(BEFORE_MACOS_26, usbReport({ stdout: macFixture('system_profiler_SPUSBDataType.apple-silicon.mudita-center.json') }));
    expect(facts.devices).toEqual(
      known([
        device({
          vendorId: 0x3310,
          productId: 0x0103,
          serial: '0123456789ABCDEF',
          interfaceClasses: [0x08],
          manufacturer: 'Mudita',
          product: 'Mudita Harmony (MSC mode)',
          location: '0x02100000',
        }),
        device({ vendorId: 0x0bda, productId: 0x5411, manufacturer: 'Generic', product: 'USB2.1 Hub', location: '0x00100000' }),
        device({ vendorId: 0x043e, productId: 0x9a39, serial: 'AABBCCDDEEFF', manufacturer: 'LG Electronics Inc.', product: 'LG Monitor Controls', location: '0x00130000' }),
      ]),
    );
  });

  it('falls back to the older report when the newer one failed to run (bundle without it)', async () => {
    const facts = await usb(usbReport({ stdout: macFixture('system_profiler_SPUSBDataType.sequoia-intel-full.lsusb-macos.json') }));
    expect(facts.devices.state === 'known' && facts.devices.value.map((d) => d.product)).toEqual([
      'USB 3.2.1 FD',
      'USB3.2 Hub',
      'Bluetooth USB Host Controller',
      'USB2.1 Hub',
      'MacBook Air SuperDrive',
    ]);
  });

  it('an empty older report is unknown, never "no devices" (what macOS 26 answers, constructed)', async () => {
    const facts = await usb(BEFORE_MACOS_26, usbReport({ stdout: '{\n  "SPUSBDataType" : [ ]\n}\n' }));
    expect(facts.devices).toEqual(unknown('no-usb-bus', '/usr/sbin/system_profiler SPUSBDataType -json lists no USB bus'));
  });

  it('truncated JSON is unknown', async () => {
    const truncated = macFixture('system_profiler_SPUSBDataType.sequoia-intel-basic.lsusb-macos.json').slice(0, 700);
    expect((await usb(BEFORE_MACOS_26, usbReport({ stdout: truncated }))).devices).toEqual(
      unknown('unparseable-output', 'system_profiler SPUSBDataType: not JSON (700 characters)'),
    );
  });

  it('neither report in the output is unknown', async () => {
    expect((await usb(BEFORE_MACOS_26, usbReport({ stdout: '{}' }))).devices).toEqual(
      unknown('unparseable-output', '/usr/sbin/system_profiler SPUSBDataType -json: neither SPUSBHostDataType nor SPUSBDataType in the output'),
    );
  });

  it('a device without a product id makes the list unknown (constructed)', async () => {
    const stdout = JSON.stringify({ SPUSBDataType: [{ _name: 'USB31Bus', _items: [{ _name: 'Thing', vendor_id: '0x1234', location_id: '0x00100000 / 1' }] }] });
    expect((await usb(BEFORE_MACOS_26, usbReport({ stdout }))).devices).toMatchObject({ state: 'unknown', reason: 'unparseable-output' });
  });

  it('system_profiler missing is unknown', async () => {
    expect((await usb(hostReport({ error: 'ENOENT' }))).devices).toEqual(unknown('command-missing', '/usr/sbin/system_profiler'));
  });
});

describe('macOS USB classes from the devices own descriptors (node-usb)', () => {
  // What node-usb reports is recorded as a library call in a bundle. These descriptor values are
  // constructed for the two real devices of the macOS 26 fixture: a PNY stick and an Espressif debug unit.
  const descriptors = (value: unknown): BundleRecord => ({ type: 'call', id: 'usb.descriptorClasses', value, error: null });

  it('fills in the classes system_profiler does not give, so class rules and BadUSB checks apply', async () => {
    const facts = await usb(
      hostReport({ stdout: macFixture('system_profiler_SPUSBHostDataType.tahoe-basic.lsusb-macos.json') }),
      descriptors([
        { vendorId: 0x154b, productId: 0x1006, deviceClass: 0, interfaceClasses: [8] },
        { vendorId: 0x303a, productId: 0x1001, deviceClass: 0xef, interfaceClasses: [0xff, 2, 10] },
      ]),
    );
    if (facts.devices.state !== 'known') throw new Error('unknown');
    expect(facts.devices.value.map((d) => [d.product, d.deviceClass, d.interfaceClasses])).toEqual([
      ['USB 3.2.1 FD', 0, [8]],
      ['USB JTAG/serial debug unit', 0xef, [2, 10, 0xff]],
    ]);
  });

  it('two attached devices with the same ids but different classes are never guessed at; node-usb failing changes nothing', async () => {
    const report = hostReport({ stdout: macFixture('system_profiler_SPUSBHostDataType.tahoe-basic.lsusb-macos.json') });
    const ambiguous = await usb(report, descriptors([
      { vendorId: 0x154b, productId: 0x1006, deviceClass: 0, interfaceClasses: [8] },
      { vendorId: 0x154b, productId: 0x1006, deviceClass: 0, interfaceClasses: [8, 3] },
    ]));
    const failed = await usb(report, { type: 'call', id: 'usb.descriptorClasses', value: null, error: 'LIBUSB_ERROR_OTHER' });
    const plain = await usb(report);
    expect(ambiguous).toEqual(plain);
    expect(failed).toEqual(plain);
  });
});
