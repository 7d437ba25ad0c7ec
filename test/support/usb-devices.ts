import type { UsbDevice } from '../../src/shared/facts';

/** The stick the example policy lends as lend-001: SanDisk Cruzer Blade 0781:5567 with its serial, mass storage only. */
export const lentStick: UsbDevice = {
  vendorId: 0x0781,
  productId: 0x5567,
  serial: '4C530001230101114315',
  serialKnown: true,
  deviceClass: 0,
  interfaceClasses: [0x08],
  manufacturer: 'SanDisk',
  product: 'Cruzer Blade',
  location: '1-3',
};
