import path from 'node:path';
import type { TrayState } from '../../shared/present/tray-state';

/** Every tray state, for callers (and tests) that need to go through them all. */
export const TRAY_STATES: readonly TrayState[] = ['compliant', 'warning', 'violation', 'unknown'];

/**
 * The icon file for a tray state (build/icons/generate-icons.mjs draws them; Electron picks the
 * @2x file next to it on high-DPI screens). Each state has its own glyph (check, !, ×, ?), so the
 * failing state is visible on the icon itself, in colour and without it. macOS gets template images
 * (black and alpha, named …Template) that the menu bar tints for light and dark mode.
 */
export function trayIconFile(iconsDir: string, state: TrayState, platform: NodeJS.Platform): string {
  return path.join(iconsDir, platform === 'darwin' ? `tray-${state}Template.png` : `tray-${state}.png`);
}
