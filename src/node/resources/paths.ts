import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Where the shipped read-only resources (default policy, guidance catalogue, trusted keys) are: the
 * installer's resources folder in a packaged app (electron-builder extraResources), else
 * MAMORI_RESOURCES (tests, the helper's launchd job), else the folder above this file that has them
 * (a checkout, or resources/cli/… of an installed `mamori` command).
 * The packaged tray ignores MAMORI_RESOURCES: it runs as the staff member it governs, who could set
 * the variable for their own sign-in and bring their own trusted keys and default policy.
 */
export function resourcesDir(): string {
  const packaged = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (packaged && existsSync(path.join(packaged, 'policies'))) return packaged;
  const fromEnv = process.env.MAMORI_RESOURCES;
  if (fromEnv) return fromEnv;
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'policies', 'default-policy.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Mamori resources not found above ${__dirname}; set MAMORI_RESOURCES`);
    dir = parent;
  }
  return dir;
}

export const defaultPolicyFile = () => path.join(resourcesDir(), 'policies', 'default-policy.json');
/**
 * The per-user state folder (the report queue): kept across restarts, shared by the CLI and the
 * tray so that a report queued by one is delivered by the other. MAMORI_STATE_DIR overrides it.
 */
export function userStateDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  if (env.MAMORI_STATE_DIR) return env.MAMORI_STATE_DIR;
  if (platform === 'win32') return path.win32.join(env.LOCALAPPDATA ?? path.win32.join(home, 'AppData', 'Local'), 'Mamori');
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', 'Mamori');
  return path.posix.join(env.XDG_STATE_HOME ?? path.posix.join(home, '.local', 'state'), 'mamori');
}

/** Public keys shipped inside the installer (an agency builds its installer with its own key). */
export const shippedTrustedKeysDir = () => path.join(resourcesDir(), 'policies', 'trusted-keys');
export const guidanceFile = () => path.join(resourcesDir(), 'policies', 'guidance', 'guidance.json');

/**
 * The version in Mamori's package.json, for bundles and reports: the nearest one above this file
 * (the checkout, or the app.asar of a packaged app, which Electron reads like a folder).
 */
export function mamoriVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    if (path.dirname(dir) === dir) return 'unknown';
  }
}
