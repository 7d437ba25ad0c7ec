import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CheckId } from '../../../src/shared/checks';
import { Scheduler } from '../../../src/node/agent/scheduler';
import type { ChangeSource } from '../../../src/node/probes/probe';
import { policyWith } from '../../support/policy';

const intervals = policyWith().intervals; // screen-lock 30 s, software 900 s, usb 10 s, wifi 15 s

describe('Scheduler', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs every check at start, then each at its own policy interval', async () => {
    const runs: CheckId[] = [];
    const s = new Scheduler(async (id) => void runs.push(id), () => intervals);
    s.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs.sort()).toEqual(['screen-lock', 'software', 'usb', 'wifi']);
    runs.length = 0;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(runs.filter((r) => r === 'usb')).toHaveLength(3);
    expect(runs.filter((r) => r === 'wifi')).toHaveLength(2);
    expect(runs.filter((r) => r === 'screen-lock')).toHaveLength(1);
    expect(runs.filter((r) => r === 'software')).toHaveLength(0);
    s.stop();
    runs.length = 0;
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(runs).toEqual([]);
  });

  it('a change event runs its check at once, and never twice at the same time', async () => {
    let notify: (id: CheckId) => void = () => undefined;
    const source: ChangeSource = { subscribe: (fn) => ((notify = fn), () => (notify = () => undefined)) };
    let active = 0;
    let maxActive = 0;
    let usbRuns = 0;
    const s = new Scheduler(
      async (id) => {
        if (id !== 'usb') return;
        usbRuns++;
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((r) => setTimeout(r, 500));
        active--;
      },
      () => intervals,
      [source],
    );
    s.start();
    await vi.advanceTimersByTimeAsync(600);
    expect(usbRuns).toBe(1);
    notify('usb');
    notify('usb'); // during the run: coalesced into one more run
    notify('usb');
    await vi.advanceTimersByTimeAsync(0);
    expect(usbRuns).toBe(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(maxActive).toBe(1);
    s.stop();
  });

  it('a failing check does not stop the schedule', async () => {
    let n = 0;
    const s = new Scheduler(async (id) => {
      if (id === 'usb' && ++n === 1) throw new Error('boom');
    }, () => intervals);
    s.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(n).toBe(2);
    s.stop();
  });
});
