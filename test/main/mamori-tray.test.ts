import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MamoriTray } from '../../src/main/tray/mamori-tray';
import { resetFakeElectron, Tray } from './fake-electron';
import { snapshot } from './fixtures';

vi.mock('electron', () => import('./fake-electron.js'));

const actions = { openStatus: vi.fn(), openBooklet: vi.fn(), openContacts: vi.fn(), openReport: vi.fn(), recheck: vi.fn(), quit: vi.fn() };

beforeEach(() => resetFakeElectron());

describe('tray wiring', () => {
  it('starts as "unknown" and follows each snapshot: icon, tooltip, a fresh menu', () => {
    const tray = new MamoriTray('/icons', actions);
    const [electronTray] = Tray.created;
    expect(path.basename(electronTray!.image)).toMatch(/^tray-unknown(Template)?\.png$/);
    tray.update(snapshot({ trayState: 'violation' }), false);
    expect(path.basename(electronTray!.image)).toMatch(/^tray-violation(Template)?\.png$/);
    expect(electronTray!.tooltip).toBe('Mamori：違反 / Violation');
    const firstMenu = electronTray!.contextMenu;
    tray.update(snapshot({ trayState: 'compliant' }), true);
    expect(electronTray!.contextMenu).not.toBe(firstMenu);
    expect(tray.menuItems().map((i) => i.id)).toContain('quit');
  });
});
