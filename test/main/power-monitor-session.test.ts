import { describe, expect, it } from 'vitest';
import { sessionFromPowerMonitor } from '../../src/main/agent/power-monitor-session';

describe('session state from powerMonitor (Windows, macOS)', () => {
  it('locked, idle seconds, and unknown when the OS cannot tell', async () => {
    const power = (state: 'active' | 'idle' | 'locked' | 'unknown', idle = 42) => ({ getSystemIdleState: () => state, getSystemIdleTime: () => idle });
    expect(await sessionFromPowerMonitor(power('locked', 900))()).toEqual({ state: 'known', value: { locked: true, idleSeconds: 900 } });
    expect(await sessionFromPowerMonitor(power('idle', 1200))()).toEqual({ state: 'known', value: { locked: false, idleSeconds: 1200 } });
    expect(await sessionFromPowerMonitor(power('unknown'))()).toMatchObject({ state: 'unknown', reason: 'not-supported' });
    const broken = { getSystemIdleState: () => { throw new Error('boom'); }, getSystemIdleTime: () => 0 };
    expect(await sessionFromPowerMonitor(broken)()).toMatchObject({ state: 'unknown', reason: 'probe-error', detail: 'boom' });
  });
});
