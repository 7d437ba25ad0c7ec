import { describe, expect, it } from 'vitest';
import { windowsProbes } from '../../../../src/node/probes/windows';
import type { Answer } from './support/bundle';
import { command, fixture, fixtureText, PNPUTIL, replay } from './support/bundle';
import { encodeCp932 } from './support/cp932';

const ARGS = ['/enum-devices', '/connected', '/relations'];
const collect = async (answer: Answer) => (await windowsProbes.usb.collect(replay([command(PNPUTIL, ARGS, answer)]))).devices;

const device = (over: object) => ({ deviceClass: 0, manufacturer: null, ...over });

/** What the constructed Japanese tree holds, device by device. */
const JAPANESE_TREE = [
  device({
    vendorId: 0x0781, productId: 0x5567, serial: '4C530001230101114315', serialKnown: true, interfaceClasses: [0x08],
    product: 'SanDisk Cruzer Blade USB Device', location: 'USB\\VID_0781&PID_5567\\4C530001230101114315',
  }),
  device({
    vendorId: 0x05e3, productId: 0x0608, serial: null, serialKnown: false, deviceClass: 0x09, interfaceClasses: [0x09],
    product: 'Generic USB Hub', location: 'USB\\VID_05E3&PID_0608\\5&3A692CE1&0&1',
  }),
  device({
    vendorId: 0x090c, productId: 0x1000, serial: null, serialKnown: false, interfaceClasses: [0x08],
    product: 'SMI USB DISK USB Device', location: 'USB\\VID_090C&PID_1000\\6&1B2C3D4E&0&2',
  }),
  device({
    vendorId: 0x046d, productId: 0xc52b, serial: null, serialKnown: false, interfaceClasses: [0x03],
    product: 'USB Composite Device', location: 'USB\\VID_046D&PID_C52B\\5&3A692CE1&0&3',
  }),
  // A keyboard that is also a disk (BadUSB-style): both classes, so an HID-only class rule cannot approve it.
  device({
    vendorId: 0x1d6b, productId: 0x0104, serial: 'FEEDC0DE0001', serialKnown: true, interfaceClasses: [0x03, 0x08],
    product: 'Linux File-Stor Gadget USB Device', location: 'USB\\VID_1D6B&PID_0104\\FEEDC0DE0001',
  }),
  // A phone (setup class WPD): its USB class cannot be told, so no class rule can approve it.
  device({
    vendorId: 0x04e8, productId: 0x6860, serial: 'R58M12345AB', serialKnown: true, interfaceClasses: [],
    product: 'Galaxy S10', location: 'USB\\VID_04E8&PID_6860\\R58M12345AB',
  }),
];

describe('Windows USB (pnputil /enum-devices /connected /relations), replayed from a bundle', () => {
  it('Japanese pnputil in CP932: serials, Windows-made IDs, hub, composite and mass-storage classes', async () => {
    const cp932 = encodeCp932(fixtureText('pnputil_enum-devices_relations.ja-JP.constructed.txt'));
    expect(await collect({ stdout: cp932 })).toEqual({ state: 'known', value: JAPANESE_TREE });
  });

  it('a real Windows 10 block: a serial adapter whose ID Windows made up (5&…) has no usable serial', async () => {
    expect(await collect({ stdout: fixture('pnputil_enum-devices_connected.ports.en-US.win10.txt') })).toEqual({
      state: 'known',
      value: [
        device({
          vendorId: 0x067b, productId: 0x2303, serial: null, serialKnown: false, interfaceClasses: [],
          product: 'Prolific USB-to-Serial Comm Port (COM4)', location: 'USB\\VID_067B&PID_2303\\5&12c8f4c0&0&2',
        }),
      ],
    });
  });

  it('real /relations excerpt (partial): the HID interface and the disk hang below a composite whose block is not in the excerpt', async () => {
    // Only the lines present are asserted: no USB\VID_…\<serial> block is in the excerpt, so no device is reported from it.
    expect(await collect({ stdout: fixture('pnputil_enum-devices_relations.composite.en-US.partial.txt') })).toEqual({ state: 'known', value: [] });
  });

  it('the composite of the real excerpt, with its own block added (constructed): HID + mass storage, serial from the USB ID', async () => {
    const parent = [
      'Instance ID:                USB\\VID_239A&PID_8036\\8351BF333339395320202038471207FF',
      'Device Description:         USB Composite Device',
      'Class Name:                 USB',
      'Class GUID:                 {36fc9e60-c465-11cf-8056-444553540000}',
      'Manufacturer Name:          (Standard USB Host Controller)',
      'Status:                     Started',
      'Driver Name:                usb.inf',
      'Parent:                     USB\\ROOT_HUB30\\4&2720bdb3&0&0',
      '',
      'Instance ID:                USB\\VID_239A&PID_8036&MI_02\\7&1ec6fc0a&0&0002',
      'Device Description:         USB Mass Storage Device',
      'Class Name:                 USB',
      'Class GUID:                 {36fc9e60-c465-11cf-8056-444553540000}',
      'Manufacturer Name:          Compatible USB storage device',
      'Status:                     Started',
      'Driver Name:                usbstor.inf',
      'Parent:                     USB\\VID_239A&PID_8036\\8351BF333339395320202038471207FF',
      '',
    ].join('\r\n');
    const excerpt = fixtureText('pnputil_enum-devices_relations.composite.en-US.partial.txt').replace(
      'Class Name:                 DiskDrive\r\n',
      'Class Name:                 DiskDrive\r\nParent:                     USB\\VID_239A&PID_8036&MI_02\\7&1ec6fc0a&0&0002\r\n',
    );
    expect(await collect({ stdout: `${parent}\r\n${excerpt}` })).toEqual({
      state: 'known',
      value: [
        device({
          vendorId: 0x239a, productId: 0x8036, serial: '8351BF333339395320202038471207FF', serialKnown: true, interfaceClasses: [0x03, 0x08],
          product: 'Adafruit PyPortal USB Device', location: 'USB\\VID_239A&PID_8036\\8351BF333339395320202038471207FF',
        }),
      ],
    });
  });

  it('an older pnputil that prints its usage for unknown flags: not-supported, with what is needed', async () => {
    // The shape seen in johnstevenson/pl2303-legacy#5 when a flag is not known to that Windows 10.
    const usage = 'Microsoft PnP Utility\r\n\r\nPNPUTIL [/add-driver <...> | /delete-driver <...> |\r\n         /export-driver <...> | /enum-drivers |\r\n';
    expect(await collect({ stdout: usage, exitCode: 87 })).toEqual({
      state: 'unknown',
      reason: 'not-supported',
      detail: 'pnputil /enum-devices /relations needs Windows 10 1903 or later',
    });
  });

  it.each<[string, Answer, object]>([
    ['missing', { error: 'ENOENT' }, { state: 'unknown', reason: 'command-missing', detail: 'C:\\Windows\\System32\\pnputil.exe' }],
    ['timing out', { error: 'TIMEOUT' }, { state: 'unknown', reason: 'command-timeout', detail: 'C:\\Windows\\System32\\pnputil.exe' }],
    [
      'denied',
      { stdout: encodeCp932('アクセスが拒否されました。\r\n'), exitCode: 5 },
      { state: 'unknown', reason: 'access-denied', detail: 'C:\\Windows\\System32\\pnputil.exe exit 5: アクセスが拒否されました。' },
    ],
    ['empty', { stdout: '' }, { state: 'unknown', reason: 'unparseable-output', detail: 'pnputil /enum-devices /connected /relations: no device listed' }],
    [
      'garbage',
      { stdout: 'Microsoft PnP Utility\r\n\r\nFailed to enumerate: 0x80070005\r\n' },
      { state: 'unknown', reason: 'unparseable-output', detail: 'pnputil /enum-devices /connected /relations: a block starts with "0x80070005", not an instance ID' },
    ],
  ])('pnputil %s: unknown with the reason', async (_name, answer, expected) => {
    expect(await collect(answer)).toEqual(expected);
  });
});
