import { rmSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { startReceivers, type Receivers } from '.';
import { makePki, type TestPki } from './pki';

// Vitest's hooks live here, not in index.ts: the Playwright renderer tests import index.ts, and vitest cannot load there.

/**
 * One test file's receivers, with a fresh test CA: started before its first test, closed and the CA's
 * folder deleted after its last. Read `pki` and `rx` inside tests and hooks (they exist from beforeAll on).
 */
export function useReceivers(): { readonly pki: TestPki; readonly rx: Receivers } {
  const live: { pki?: TestPki; rx?: Receivers } = {};
  beforeAll(async () => {
    live.pki = makePki();
    live.rx = await startReceivers(live.pki);
  });
  afterAll(async () => {
    await live.rx?.close();
    if (live.pki) rmSync(live.pki.dir, { recursive: true, force: true });
  });
  return {
    get pki() {
      if (!live.pki) throw new Error('useReceivers: read pki inside a test or hook');
      return live.pki;
    },
    get rx() {
      if (!live.rx) throw new Error('useReceivers: read rx inside a test or hook');
      return live.rx;
    },
  };
}
