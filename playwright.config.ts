import { defineConfig } from '@playwright/test';

/**
 * Renderer tests: the built windows (out/renderer, from `vite build`) in Debian's Chromium, backed
 * by the real agent core in the test process. Never downloads a browser (no `playwright install`).
 */
export default defineConfig({
  testDir: 'test/renderer',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/renderer',
  workers: 2,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['line']],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1024, height: 800 },
    locale: 'ja-JP',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    trace: 'retain-on-failure',
  },
});
