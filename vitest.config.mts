import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    exclude: ['test/renderer/**', 'test/e2e/**', 'node_modules/**'],
    testTimeout: 20_000,
    globalSetup: ['test/support/build.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    // Electron cannot load in plain Node: any accidental import fails loudly instead of downloading.
    alias: { electron: new URL('./test/support/electron-unavailable.ts', import.meta.url).pathname },
  },
});
