import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TrustedSenders } from '../../src/main/ipc/trusted-senders';
import { hardenedWebPreferences } from '../../src/main/windows/web-preferences';
import { WindowManager } from '../../src/main/windows/window-manager';
import { ROUTES } from '../../src/main/windows/routes';
import { BrowserWindow, resetFakeElectron } from './fake-electron';

vi.mock('electron', () => import('./fake-electron.js'));

const ALERT = 'usb-unapproved-device/0123456789abcdef';
let trusted: TrustedSenders;
let windows: WindowManager;

beforeEach(() => {
  resetFakeElectron();
  trusted = new TrustedSenders();
  windows = new WindowManager({ preload: '/app/preload.js', devTools: false, trusted, log: vi.fn() });
});

describe('windows', () => {
  it('none exists until one is asked for', () => {
    expect(BrowserWindow.created).toHaveLength(0);
  });

  it('opens the status window hidden, hardened, trusted, on app://mamori, and shows it when ready', () => {
    windows.showStatus();
    const [window] = BrowserWindow.created;
    expect(window!.options).toMatchObject({ show: false, webPreferences: hardenedWebPreferences({ preload: '/app/preload.js', devTools: false }) });
    expect(window!.menuRemoved).toBe(true);
    expect(trusted.has(window!.webContents.id)).toBe(true);
    expect(window!.loaded).toEqual(['app://mamori/index.html#/status']);
    expect(window!.shown).toBe(0);
    window!.emit('ready-to-show');
    expect(window!.shown).toBe(1);
  });

  it('reuses the status window for the booklet and contacts', () => {
    windows.showStatus();
    windows.showStatus(ROUTES.booklet);
    windows.showStatus(ROUTES.contacts);
    expect(BrowserWindow.created).toHaveLength(1);
    expect(BrowserWindow.created[0]!.loaded).toEqual([
      'app://mamori/index.html#/status',
      'app://mamori/index.html#/booklet',
      'app://mamori/index.html#/contacts',
    ]);
  });

  it('keeps one alert window: a new alert replaces the one shown and brings it forward', () => {
    windows.showAlert(ALERT);
    windows.showAlert('wifi-open-network/00000000000000ff');
    expect(BrowserWindow.created).toHaveLength(1);
    const [alert] = BrowserWindow.created;
    expect(alert!.loaded).toEqual([`app://mamori/index.html#/alert/${ALERT}`, 'app://mamori/index.html#/alert/wifi-open-network/00000000000000ff']);
    expect(alert!.focused).toBe(1);
  });

  it('status and alert are separate windows', () => {
    windows.showStatus();
    windows.showAlert(ALERT);
    expect(BrowserWindow.created).toHaveLength(2);
  });

  it('a closed window is destroyed and forgotten (no longer trusted); the next request makes a new one', () => {
    windows.showStatus();
    const first = BrowserWindow.created[0]!;
    first.close();
    expect(trusted.has(first.webContents.id)).toBe(false);
    windows.showStatus();
    expect(BrowserWindow.created).toHaveLength(2);
    expect(trusted.has(BrowserWindow.created[1]!.webContents.id)).toBe(true);
  });
});
