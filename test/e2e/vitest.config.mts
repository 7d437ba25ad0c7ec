import { defineConfig } from 'vitest/config';

/**
 * The end-to-end suite (npm run test:e2e): each file boots its own QEMU guest, two at a time (one per
 * core; TCG keeps one core busy per guest). Separate from the unit config, whose include leaves test/e2e out.
 */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    environment: 'node',
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: true,
    maxWorkers: 2,
    reporters: ['default', './test/e2e/latency-reporter.ts', './test/support/summary-reporter.ts'],
    alias: { electron: new URL('../support/electron-unavailable.ts', import.meta.url).pathname },
  },
});
