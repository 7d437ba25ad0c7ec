import { defineConfig } from '@playwright/test';

/**
 * Electron launch tests (`npm run test:electron`): the real app through Playwright's _electron,
 * where an Electron binary exists (ELECTRON_OVERRIDE_DIST_PATH or node_modules/electron/dist); on
 * other machines every test is reported as skipped, with the reason. The binary must allow
 * --inspect (enableNodeCliInspectArguments fuse on), which a plain Electron dist does; release
 * builds have it off.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  globalSetup: './global-setup.ts',
  outputDir: '../../test-results/electron',
  workers: 1,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
});
