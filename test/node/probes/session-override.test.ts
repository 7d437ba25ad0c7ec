import { describe, expect, it } from 'vitest';
import { withSessionFrom } from '../../../src/node/probes/session-override';
import type { Host } from '../../../src/node/host/host';
import type { Probe } from '../../../src/node/probes/probe';

describe('withSessionFrom', () => {
  it('keeps the OS probe configuration and takes the live session state from the given source', async () => {
    const os: Probe<'screen-lock'> = {
      check: 'screen-lock',
      collect: async () => ({
        config: { state: 'known', value: { lockAfterSeconds: 600, passwordOnResume: true, evidence: [] } },
        session: { state: 'unknown', reason: 'not-supported', detail: 'session state comes from the tray app' },
      }),
    };
    const probe = withSessionFrom(os, async () => ({ state: 'known', value: { locked: false, idleSeconds: 1200 } }));
    expect(await probe.collect({} as Host)).toEqual({
      config: { state: 'known', value: { lockAfterSeconds: 600, passwordOnResume: true, evidence: [] } },
      session: { state: 'known', value: { locked: false, idleSeconds: 1200 } },
    });
  });
});
