import { startTestHelper, type TestHelper } from '../../support/isolation';
import { test as base } from '../fixtures';
import { startAgent } from './agent';

/** The code the test policy's releaseCodeHash stands for (docs/isolation.md §4 uses the same example). */
export const RELEASE_CODE = 'KAKU-2026';

/**
 * The windows against the real agent AND the real isolation helper (test/support/isolation.ts):
 * the agent isolates, asks and releases through the helper's socket, which checks the code, slows
 * down wrong ones and writes the audit log. `test.use({ releaseCode: null })` for a policy without one.
 */
export const test = base.extend<{ helper: TestHelper; releaseCode: string | null }>({
  releaseCode: [RELEASE_CODE, { option: true }],
  helper: async ({ releaseCode }, use) => {
    const helper = await startTestHelper(releaseCode === null ? {} : { releaseCode });
    await use(helper);
    await helper.stop();
  },
  agent: async ({ helper }, use) => {
    const agent = await startAgent({ helperSocket: helper.socketPath });
    await use(agent);
    await agent.service.stop();
  },
});
