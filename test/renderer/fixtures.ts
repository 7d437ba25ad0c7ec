import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { repoRoot, startAgent, type TestAgent } from './support/agent';
import { installBridge } from './support/bridge';
import { serveRenderer } from './support/static-server';

export { expect };

export interface AppWindow {
  /** Opens a window by its route (#/status, #/alert/<id>…) and waits until it shows the agent's data. */
  open(route: string): Promise<void>;
  page: Page;
}

interface WorkerFixtures {
  rendererUrl: string;
}

interface TestFixtures {
  agent: TestAgent;
  /** The page with window.mamori bound to the agent. */
  app: AppWindow;
  /** Console errors and page errors seen during the test; a CSP violation or an uncaught error fails any test. */
  consoleErrors: string[];
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  rendererUrl: [
    async ({}, use) => {
      const server = await serveRenderer(path.join(repoRoot, 'out/renderer'));
      await use(server.url);
      await server.close();
    },
    { scope: 'worker' },
  ],

  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      // Chromium logs CSP violations to the console; the event catches any it might not.
      await page.addInitScript(() =>
        document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)),
      );
      await use(errors);
      expect(errors.filter((e) => /Content Security Policy|CSP violation|Refused to/i.test(e)), 'CSP violations').toEqual([]);
      expect(errors.filter((e) => e.startsWith('pageerror')), 'uncaught errors in the page').toEqual([]);
    },
    { auto: true },
  ],

  agent: async ({}, use) => {
    const agent = await startAgent();
    await use(agent);
    await agent.service.stop();
  },

  app: async ({ page, agent, rendererUrl }, use) => {
    const stop = await installBridge(page, agent);
    await use({
      page,
      open: async (route) => {
        await page.goto(`${rendererUrl}/index.html#${route}`);
        await expect(page.locator('.app-header')).toBeVisible();
      },
    });
    stop();
  },
});

/** A finding's alert route, as main opens it from a notification. */
export const alertRoute = (id: string) => `/alert/${id}`;
export const findingRoute = (id: string) => `/finding/${id}`;
