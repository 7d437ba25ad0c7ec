import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Where the shipped read-only resources (default policy, guidance catalogue) are: the
 * installer's resources folder in a packaged app (electron-builder extraResources), else the
 * source checkout. MAMORI_RESOURCES overrides it for tests and unusual installs.
 */
export function resourcesDir(): string {
  const fromEnv = process.env.MAMORI_RESOURCES;
  if (fromEnv) return fromEnv;
  const packaged = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (packaged && existsSync(path.join(packaged, 'policies'))) return packaged;
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'policies', 'default-policy.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Mamori resources not found above ${__dirname}; set MAMORI_RESOURCES`);
    dir = parent;
  }
  return dir;
}

export const defaultPolicyFile = () => path.join(resourcesDir(), 'policies', 'default-policy.json');
/** Public keys shipped inside the installer (an agency builds its installer with its own key). */
export const shippedTrustedKeysDir = () => path.join(resourcesDir(), 'policies', 'trusted-keys');
export const guidanceFile = () => path.join(resourcesDir(), 'policies', 'guidance', 'guidance.json');

/** The version in package.json, for bundles and reports. */
export const mamoriVersion = (): string =>
  (JSON.parse(readFileSync(path.join(resourcesDir(), 'package.json'), 'utf8')) as { version: string }).version;
