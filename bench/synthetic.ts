import type { InstalledSoftware, UsbDevice } from '../src/shared/facts';
import type { ApprovedUsbDevice, SoftwareRule } from '../src/shared/policy/schema';

/** Deterministic pseudo-random numbers, so every bench run measures the same data. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ka', 'ki', 'ku', 'ke', 'ko', 'sa', 'shi', 'su', 'ta', 'chi', 'na', 'ni', 'ma', 'mi', 'ra', 'ri', 'ro', 'zo', 'de', 'pa'];

function words(random: () => number, count: number): string[] {
  return Array.from({ length: count }, () => {
    const n = 2 + Math.floor(random() * 3);
    return Array.from({ length: n }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join('');
  });
}

/** Product names a denylist targets: distinct tokens, as real product names are. */
const product = (i: number) => `prod${i.toString(36)}x`;

/**
 * An inventory the size of a busy PC: names of 2–4 everyday words, some publishers Japanese, and one
 * package in a hundred a product the denylist names (real inventories rarely match a denylist).
 */
export function packages(count: number, rules: number, seed = 1): InstalledSoftware[] {
  const random = prng(seed);
  const vocab = words(random, 3000);
  const pick = () => vocab[Math.floor(random() * vocab.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const denied = random() < 0.01 ? ` ${product(Math.floor(random() * rules))}` : '';
    return {
      name: `${pick()} ${pick()}${random() < 0.5 ? ` ${pick()}` : ''}${denied} ${i}`,
      version: `${Math.floor(random() * 30)}.${Math.floor(random() * 10)}.${i % 100}`,
      publisher: random() < 0.2 ? '株式会社サンプル' : `${pick()} Inc.`,
      identifier: `com.${pick()}.${pick()}`,
      source: 'registry-hklm',
    };
  });
}

/** A denylist the size of a large agency's: name prefixes and substrings, publishers, identifiers, version ranges. */
export function softwareRules(count: number, seed = 2): SoftwareRule[] {
  const random = prng(seed);
  return Array.from({ length: count }, (_, i) => {
    const r = random();
    const name = product(i);
    const match =
      r < 0.6 ? { name: `* ${name} *` } : r < 0.8 ? { name: `*${name}*`, version: '<10.0' } : r < 0.9 ? { publisher: `${name} Inc.` } : { identifier: `com.${name}.*` };
    return { id: `rule-${i}`, action: 'deny' as const, match, reason: { ja: '承認されていません' }, guidance: ['2章-2' as const] };
  });
}

export function usbEntries(count: number, seed = 3): ApprovedUsbDevice[] {
  const random = prng(seed);
  return Array.from({ length: count }, (_, i) => ({
    id: `lend-${i}`,
    label: { ja: `貸出用USBメモリ ${i}号` },
    vendorId: 0x0781,
    productId: 0x5567 + (i % 7),
    serial: `SN${Math.floor(random() * 1e12).toString(16)}${i}`,
    interfaceClasses: [8],
  }));
}

export function usbDevices(entries: readonly ApprovedUsbDevice[], count: number): UsbDevice[] {
  return Array.from({ length: count }, (_, i) => {
    const e = entries[(i * 37) % entries.length]!;
    return {
      vendorId: e.vendorId!,
      productId: e.productId!,
      serial: i % 3 === 0 ? 'UNLISTED' : (e.serial as string),
      serialKnown: true,
      deviceClass: 0,
      interfaceClasses: [8],
      manufacturer: 'SanDisk',
      product: 'Cruzer',
      location: `1-${i}`,
    };
  });
}
