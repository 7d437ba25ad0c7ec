import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The renderer build: src/renderer/index.html → out/renderer, loaded by main through its app://
 * protocol (and by the Playwright tests through a static server). Relative base so the files work
 * under any origin; no inline code anywhere, because the CSP allows scripts and styles from 'self' only.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./src/renderer', import.meta.url)),
  base: './',
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('./out/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome130',
    // The preload polyfill would be an inline script; Chromium preloads modules natively.
    modulePreload: { polyfill: false },
    // Never turn assets into data: URIs or inline styles.
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    sourcemap: false,
  },
});
