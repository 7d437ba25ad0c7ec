import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { trayMenuTemplate, type TrayActions } from '../../src/main/tray/menu-template';
import { TRAY_STATES } from '../../src/main/tray/tray-icon';
import { snapshot } from './fixtures';

const actions = (): TrayActions => ({ openStatus: vi.fn(), openBooklet: vi.fn(), openContacts: vi.fn(), openReport: vi.fn(), recheck: vi.fn(), quit: vi.fn() });
const ids = (items: MenuItemConstructorOptions[]) => items.map((i) => i.id ?? i.type);
const item = (items: MenuItemConstructorOptions[], id: string) => items.find((i) => i.id === id)!;
const click = (i: MenuItemConstructorOptions) => (i.click as () => void)();

describe('tray menu template', () => {
  it.each([
    ['compliant', '状態：問題なし'],
    ['warning', '状態：注意'],
    ['violation', '状態：違反'],
    ['unknown', '状態：確認できません'],
  ] as const)('%s: a disabled status header saying so, in Japanese', (trayState, header) => {
    const items = trayMenuTemplate(snapshot({ trayState }), 'ja', false, actions());
    expect(item(items, 'status')).toMatchObject({ label: header, enabled: false });
  });

  it('has the same items in every state; no item turns a check off', () => {
    for (const trayState of TRAY_STATES) {
      expect(ids(trayMenuTemplate(snapshot({ trayState }), 'ja', false, actions()))).toEqual([
        'status', 'separator', 'open-status', 'booklet', 'contacts', 'report', 'recheck',
      ]);
    }
  });

  it('offers quit only when the policy allows it', () => {
    expect(ids(trayMenuTemplate(snapshot(), 'ja', false, actions()))).not.toContain('quit');
    const items = trayMenuTemplate(snapshot(), 'ja', true, actions());
    expect(ids(items).slice(-2)).toEqual(['separator', 'quit']);
    expect(item(items, 'quit').label).toBe('Mamori を終了');
  });

  it('the report item is enabled and opens the report window (issue 5)', () => {
    const a = actions();
    const report = item(trayMenuTemplate(snapshot(), 'ja', true, a), 'report');
    expect(report.label).toBe('報告する');
    expect(report.enabled).not.toBe(false);
    click(report);
    expect(a.openReport).toHaveBeenCalledOnce();
  });

  it('says a check is running while one is', () => {
    const items = trayMenuTemplate(snapshot({ checking: ['usb'] }), 'ja', false, actions());
    expect(ids(items).slice(0, 2)).toEqual(['status', 'checking']);
    expect(item(items, 'checking')).toMatchObject({ label: '確認しています…', enabled: false });
  });

  it('each item calls its own action', () => {
    const a = actions();
    const items = trayMenuTemplate(snapshot(), 'ja', true, a);
    const pairs = [['open-status', a.openStatus], ['booklet', a.openBooklet], ['contacts', a.openContacts], ['report', a.openReport], ['recheck', a.recheck], ['quit', a.quit]] as const;
    for (const [id, action] of pairs) {
      click(item(items, id));
      expect(action).toHaveBeenCalledOnce();
    }
  });

  it('speaks English when the windows do', () => {
    const labels = trayMenuTemplate(snapshot({ trayState: 'violation' }), 'en', true, actions()).map((i) => i.label).filter(Boolean);
    expect(labels).toEqual(['Status: Violation', 'Show status', 'Security booklet', 'Contacts', 'Report', 'Check now', 'Quit Mamori']);
  });
});
