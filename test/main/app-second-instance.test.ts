import { describe, expect, it, vi } from 'vitest';
import { app, ipcMain, protocol, Tray } from './fake-electron';

vi.mock('electron', () => import('./fake-electron.js'));

describe('app entry, when another Mamori is already running', () => {
  it('quits at once and sets nothing up (the running one opens its status window)', async () => {
    app.gotLock = false;
    await import('../../src/main/app/index.js');
    expect(app.calls.at(-2)).toBe('requestSingleInstanceLock');
    expect(app.calls.at(-1)).toBe('quit');
    app.becomeReady();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(app.eventNames()).toEqual([]);
    expect(protocol.handlers.size).toBe(0);
    expect(ipcMain.handlers.size).toBe(0);
    expect(Tray.created).toHaveLength(0);
  });
});
