import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../support/policy';

/** What test/e2e/guest/prepare.sh built: the kernel and the initramfs (base layer + Mamori layer). */
export interface GuestImage {
  kernel: string;
  initrd: string;
  kernelPackage: string;
}

export const IMAGE_MANIFEST = path.join(repoRoot, '.cache/e2e/image.json');

export function guestImage(): GuestImage {
  if (!existsSync(IMAGE_MANIFEST)) throw new Error(`${IMAGE_MANIFEST} missing: run npm run test:e2e (or bash test/e2e/guest/prepare.sh)`);
  return JSON.parse(readFileSync(IMAGE_MANIFEST, 'utf8')) as GuestImage;
}
