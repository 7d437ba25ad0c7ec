#!/usr/bin/env node
'use strict';
// The mamori command. The TypeScript sources are compiled to out/ by `npm run build` (run by `npm ci`).

try {
  // `mamori watch` runs on V8's interpreter alone, to stay small (src/node/cli/lean-v8.ts): set before the CLI loads.
  if (process.argv[2] === 'watch') require('../out/src/node/cli/lean-v8.js').useLeanV8();
  require('../out/src/node/cli/main.js').main();
} catch (e) {
  // Only our own entry modules missing means "not built"; any other missing module is a real error.
  if (e && e.code === 'MODULE_NOT_FOUND' && /out\/src\/node\/cli\/(main|lean-v8)\.js/.test(String(e.message).split('\n')[0])) {
    console.error('mamori: not built yet; run `npm run build` (npm ci does it for you).');
    process.exit(2);
  }
  throw e;
}
