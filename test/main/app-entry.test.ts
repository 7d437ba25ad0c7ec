import { afterAll, describe, expect, it, vi } from 'vitest';
import { contract } from '../../src/shared/ipc/contract';
import { app, BrowserWindow, ipcMain, protocol, session, Tray } from './fake-electron';

vi.mock('electron', () => import('./fake-electron.js'));

/**
 * The entry point and composition root, run against the fake Electron with the real agent core
 * (this machine's probes and the shipped default policy): the wiring, not the decisions, which
 * have their own tests.
 */
type Entry = typeof import('../../src/main/app/index');
let entry: Entry;

afterAll(() => {
  app.emit('before-quit'); // stops the scheduler and the USB hot-plug listeners
});

describe('app entry', () => {
  it('before ready: sandbox for every renderer, the app:// scheme, the single-instance lock', async () => {
    entry = await import('../../src/main/app/index.js');
    expect(app.calls).toEqual(
      process.platform === 'win32'
        ? ['enableSandbox', 'setAppUserModelId jp.go.mamori.agent', 'registerSchemesAsPrivileged', 'requestSingleInstanceLock']
        : ['enableSandbox', 'registerSchemesAsPrivileged', 'requestSingleInstanceLock'],
    );
    expect(protocol.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    // Closing every window must not quit; every webContents gets the guards.
    expect(app.listenerCount('window-all-closed')).toBe(1);
    expect(app.listenerCount('web-contents-created')).toBe(1);
  });

  it('on ready: locks the session, serves app://, answers IPC, shows the tray; no window', async () => {
    app.becomeReady();
    await vi.waitFor(() => expect(entry.mamori.running).toBeDefined(), { timeout: 15_000 });
    expect(Object.keys(session.defaultSession.handlers).sort()).toEqual(['beforeRequest', 'devicePermission', 'permissionCheck', 'permissionRequest']);
    expect([...protocol.handlers.keys()]).toEqual(['app']);
    expect([...ipcMain.handlers.keys()].sort()).toEqual(Object.keys(contract).sort());
    expect(Tray.created).toHaveLength(1);
    expect(entry.mamori.running!.tray.menuItems().map((i) => i.id)).toContain('recheck');
    expect(BrowserWindow.created).toHaveLength(0);
    // The installers start the tray for every user (electron-builder.yml); the app adds no per-user login item.
    expect(app.loginItems).toEqual([]);
  }, 20_000);

  it('a second start opens the status window', () => {
    app.emit('second-instance');
    expect(BrowserWindow.created.map((w) => w.loaded)).toEqual([['app://mamori/index.html#/status']]);
  });
});
