import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';


/** Electron's executable inside a dist folder, per OS (what electron's own path.txt holds). */
const EXECUTABLE: Partial<Record<NodeJS.Platform, string>> = {
  win32: 'electron.exe',
  darwin: 'Electron.app/Contents/MacOS/Electron',
  linux: 'electron',
};

export type ElectronBinary = { path: string } | { path: null; reason: string };

/**
 * The Electron binary to launch, found the way electron's index.js finds it but without its
 * fallback of downloading one (requiring 'electron' here would try): ELECTRON_OVERRIDE_DIST_PATH
 * first, then node_modules/electron/dist. When there is none, says why.
 */
export function electronBinary(root: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): ElectronBinary {
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const exe = path.join(override, EXECUTABLE[platform] ?? 'electron');
    return existsSync(exe) ? { path: exe } : { path: null, reason: `ELECTRON_OVERRIDE_DIST_PATH is set but ${exe} does not exist` };
  }
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathTxt = path.join(pkg, 'path.txt');
  if (existsSync(pathTxt)) {
    const exe = path.join(pkg, 'dist', readFileSync(pathTxt, 'utf8').trim());
    if (existsSync(exe)) return { path: exe };
  }
  return {
    path: null,
    reason:
      'node_modules/electron/dist has no binary (electron >= 42 downloads it on first use, which this machine cannot) ' +
      'and ELECTRON_OVERRIDE_DIST_PATH is not set; set it to an unpacked Electron 45 to run these tests',
  };
}

/** Linux needs a display server for windows and the tray (CI: run under xvfb-run). */
export function missingDisplay(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | null {
  return platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY ? 'no display on this Linux machine (run under xvfb-run)' : null;
}
