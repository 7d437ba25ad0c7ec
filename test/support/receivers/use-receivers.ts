import { startReceivers } from '.';
import { useWithTestCa } from '../use-test-ca';

// Vitest's hooks live here, not in index.ts: the Playwright renderer tests import index.ts, and vitest cannot load there.

/** The three report receivers for one test file, as `rx`, with their test CA as `pki`. */
export const useReceivers = () => useWithTestCa('rx', startReceivers);
