#!/usr/bin/env node
'use strict';
// The mamori command. The TypeScript sources are compiled to out/ by `npm run build` (run by `npm ci`).
try {
  require('../out/src/node/cli/main.js').main();
} catch (e) {
  // Only the entry module itself missing means "not built"; any other missing module is a real error.
  if (e && e.code === 'MODULE_NOT_FOUND' && String(e.message).split('\n')[0].includes('out/src/node/cli/main.js')) {
    console.error('mamori: not built yet; run `npm run build` (npm ci does it for you).');
    process.exit(2);
  }
  throw e;
}
