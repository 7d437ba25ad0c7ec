import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { trayIconFile, TRAY_STATES } from '../../src/main/tray/tray-icon';
import { trayTooltip } from '../../src/main/tray/tray-labels';
import { repoRoot } from '../support/policy';

const icons = path.join(repoRoot, 'build', 'icons');

describe('tray icon', () => {
  it('has one icon per state; macOS gets template images', () => {
    expect(trayIconFile('/i', 'violation', 'win32')).toBe(path.join('/i', 'tray-violation.png'));
    expect(trayIconFile('/i', 'violation', 'linux')).toBe(path.join('/i', 'tray-violation.png'));
    expect(trayIconFile('/i', 'violation', 'darwin')).toBe(path.join('/i', 'tray-violationTemplate.png'));
    expect(new Set(TRAY_STATES.map((s) => trayIconFile('/i', s, 'win32'))).size).toBe(4);
  });

  it('every icon it names exists, with its @2x variant, and the icons differ per state', () => {
    const bytes = new Set<string>();
    for (const state of TRAY_STATES) {
      for (const platform of ['win32', 'darwin'] as const) {
        const file = trayIconFile(icons, state, platform);
        expect(existsSync(file), file).toBe(true);
        expect(existsSync(file.replace(/\.png$/, '@2x.png')), file).toBe(true);
        bytes.add(readFileSync(file).toString('base64'));
      }
    }
    expect(bytes.size).toBe(8);
  });

  it('the committed icons are what build/icons/generate-icons.mjs draws', async () => {
    const { iconFiles } = (await import(path.join(icons, 'generate-icons.mjs'))) as { iconFiles: () => Record<string, Buffer> };
    for (const [name, drawn] of Object.entries(iconFiles())) {
      expect(readFileSync(path.join(icons, name)).equals(drawn), `${name} is stale: run node build/icons/generate-icons.mjs`).toBe(true);
    }
  });

  it('the tooltip is short and Japanese first', () => {
    expect(trayTooltip('violation')).toBe('Mamori：違反 / Violation');
    expect(trayTooltip('compliant')).toBe('Mamori：問題なし / OK');
    for (const state of TRAY_STATES) expect(trayTooltip(state).length).toBeLessThan(64);
  });
});
