import type { Settings } from 'electron';

/**
 * The per-user login item Mamori asks for, or null where Electron has none (Linux) or where it
 * would be wrong (an unpackaged development run would register the bare Electron binary).
 * Machine-wide autostart, which staff cannot switch off, is the installer's job (see
 * electron-builder.yml); the single-instance lock makes the two harmless together.
 */
export function loginItemSettings(platform: NodeJS.Platform, isPackaged: boolean): Settings | null {
  if (!isPackaged || (platform !== 'win32' && platform !== 'darwin')) return null;
  return { openAtLogin: true };
}
