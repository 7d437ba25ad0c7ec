import { spawnSync } from 'node:child_process';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { electronBinary, missingDisplay, repoRoot } from './electron-binary';

const binary = electronBinary();
const display = missingDisplay();
test.skip(binary.path === null, `no Electron binary on this machine: ${binary.path === null ? binary.reason : ''}`);
test.skip(display !== null, display ?? '');
test.describe.configure({ mode: 'serial' });

/** Chromium refuses to start sandboxed as root (containers, CI); the flag affects this test run only. */
const args = [repoRoot, ...(process.platform === 'linux' && process.getuid?.() === 0 ? ['--no-sandbox'] : [])];

let app: ElectronApplication;

test.beforeAll(async () => {
  app = await electron.launch({ executablePath: binary.path!, args, env: { ...process.env, MAMORI_LANG: 'ja' } });
});

test.afterAll(async () => {
  await app?.close();
});

/** What the running app's tray menu holds (app/index.ts keeps the running app at module scope). */
const trayMenu = () =>
  app.evaluate(() => {
    const entry = process.mainModule?.exports as { mamori?: { running?: { tray: { menuItems(): { id: string; enabled: boolean }[] } } } };
    return entry.mamori?.running?.tray.menuItems() ?? [];
  });

test('starts in the tray with no window, and a full context menu', async () => {
  await expect.poll(async () => (await trayMenu()).map((i) => i.id)).toEqual(
    expect.arrayContaining(['status', 'open-status', 'booklet', 'contacts', 'report', 'recheck']),
  );
  const items = await trayMenu();
  expect(items.find((i) => i.id === 'status')?.enabled).toBe(false);
  expect(items.find((i) => i.id === 'report')?.enabled).toBe(true);
  expect(app.windows()).toHaveLength(0);
});

test('is single-instance: a second start exits at once and the first opens its status window', async () => {
  const second = spawnSync(binary.path!, args, { timeout: 30_000 });
  expect(second.status).toBe(0);
  const window = await app.firstWindow();
  expect(window.url()).toBe('app://mamori/index.html#/status');
});

test('its window is context-isolated and sandboxed, with only window.mamori exposed', async () => {
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  // contextBridge refuses to expose anything without context isolation, so window.mamori existing
  // (with exactly the contract's functions) and no Node globals in the page show it is on.
  expect(await page.evaluate(() => Object.keys((globalThis as { mamori?: object }).mamori ?? {}).sort())).toEqual(
    ['contact', 'getGuidance', 'getSnapshot', 'onSnapshot', 'recheck', 'setLanguage'],
  );
  const globals = await page.evaluate(() => ['require', 'process', 'module', 'Buffer'].map((name) => typeof (globalThis as Record<string, unknown>)[name]));
  expect(globals).toEqual(['undefined', 'undefined', 'undefined', 'undefined']);
  // Electron reports the OS-level sandbox of each process on macOS and Windows.
  test.skip(process.platform === 'linux', 'Electron reports the OS sandbox state on macOS and Windows only');
  const sandboxed = await app.evaluate(({ app: electronApp, BrowserWindow }) => {
    const pids = new Set(BrowserWindow.getAllWindows().map((w) => w.webContents.getOSProcessId()));
    return electronApp.getAppMetrics().filter((m) => pids.has(m.pid)).map((m) => m.sandboxed);
  });
  expect(sandboxed.length).toBeGreaterThan(0);
  expect(sandboxed.every(Boolean)).toBe(true);
});
