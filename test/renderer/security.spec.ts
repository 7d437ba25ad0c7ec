import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { unknownStick } from './support/agent';
import { CONTENT_SECURITY_POLICY as RENDERER_CSP } from '../../src/shared/csp';

/*
 * The renderer treats everything from window.mamori as untrusted: validated against the contract,
 * rendered as text only, and never a reason to leave the window's own origin.
 */

test('the window is served with the CSP as a header and carries it in a meta tag', async ({ app, rendererUrl }) => {
  const response = await app.page.request.get(`${rendererUrl}/index.html`);
  expect(response.headers()['content-security-policy']).toBe(RENDERER_CSP);
  await app.open('/status');
  const meta = await app.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  // The meta tag holds every directive except frame-ancestors, which only a header can set.
  expect(meta).toBe(RENDERER_CSP.replace(/; frame-ancestors 'none'$/, ''));
  // No inline script or style anywhere in the built page.
  expect(await app.page.locator('script:not([src]), style, [style]').count()).toBe(0);
});

test('device strings are shown as text, never as markup', async ({ app, agent }) => {
  const { page } = app;
  const hostile = '<img src=x onerror="document.title=\'pwned\'">';
  agent.boundary.usb = [{ ...unknownStick, manufacturer: hostile, product: '<b>bold</b>' }];
  await agent.recheck('usb');
  await app.open(`/finding/${agent.finding('usb-unapproved-device').id}`);
  await expect(page.getByText(hostile, { exact: true })).toBeVisible();
  expect(await page.locator('main img, main b').count()).toBe(0);
  await expect(page).not.toHaveTitle('pwned');
});

test('routes with malformed ids show "not found" instead of guessing', async ({ app }) => {
  await app.open('/finding/..%2F..%2Fetc');
  await expect(app.page.getByRole('heading', { level: 1 })).toHaveText('ページが見つかりません');
  await app.open('/booklet/9章-9');
  await expect(app.page.getByRole('heading', { level: 1 })).toHaveText('ページが見つかりません');
});

/** A stand-in for the preload that answers with what the test gives it (for the broken-bridge cases). */
async function fakeBridge(page: Page, snapshot: unknown, pushed?: unknown): Promise<void> {
  await page.addInitScript(
    ({ snapshot, pushed }) => {
      const api = {
        getSnapshot: async () => snapshot,
        recheck: async () => snapshot,
        getGuidance: async () => [],
        setLanguage: async () => snapshot,
        contact: async () => null,
        report: async () => null,
        isolationStatus: async () => ({ helper: 'unavailable' }),
        releaseIsolation: async () => null,
        onSnapshot: (listener: (s: unknown) => void) => {
          if (pushed !== undefined) window.setTimeout(() => listener(pushed), 300);
          return () => undefined;
        },
        onReportStatus: () => () => undefined,
      };
      Object.defineProperty(window, 'mamori', { value: Object.freeze(api) });
    },
    { snapshot, pushed },
  );
}

test('a snapshot that does not fit the contract shows a clear error, not a half-drawn window', async ({ page, rendererUrl }) => {
  await fakeBridge(page, { lang: 'ja', checks: 'all fine', trayState: 'compliant' });
  await page.goto(`${rendererUrl}/index.html#/status`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('表示できません');
  await expect(page.getByRole('alert')).toContainText('Mamori 本体から受け取ったデータが正しくありません。');
  await expect(page.getByText('エラーコード: invalid-data')).toBeVisible();
  await expect(page.locator('.app-header')).toHaveCount(0);
});

test('a pushed snapshot that does not fit the contract replaces the window with the error', async ({ page, rendererUrl, agent }) => {
  const valid = agent.service.snapshot();
  await fakeBridge(page, valid, { ...valid, trayState: 'green' });
  await page.goto(`${rendererUrl}/index.html#/status`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('表示できません');
  await expect(page.getByText('エラーコード: invalid-data')).toBeVisible();
});

test('without window.mamori the window says it cannot reach the agent', async ({ page, rendererUrl }) => {
  await page.goto(`${rendererUrl}/index.html#/status`);
  await expect(page.getByRole('alert')).toContainText('Mamori 本体と接続できません。');
  await expect(page.getByText('エラーコード: bridge-missing')).toBeVisible();
});

test('window.mamori cannot be replaced by page script', async ({ app }) => {
  await app.open('/status');
  const replaced = await app.page.evaluate(() => {
    const w = window as unknown as { mamori: { getSnapshot?: unknown } };
    try {
      w.mamori = {};
    } catch {
      /* strict-mode assignment to a read-only property throws */
    }
    return Object.isFrozen(w.mamori) && typeof w.mamori.getSnapshot === 'function';
  });
  expect(replaced).toBe(true);
});
