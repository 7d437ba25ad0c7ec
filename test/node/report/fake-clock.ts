import type { Clock } from '../../../src/node/report/clock';

/** A clock whose time moves only when the test says so; timers fire on advance(). */
export class FakeClock implements Clock {
  private time = Date.parse('2026-11-26T01:00:00Z');
  private timers = new Map<number, { at: number; fn: () => void }>();
  private seq = 0;

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.set(id, { at: this.time + ms, fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** The time the earliest pending timer is due (undefined when none is). */
  nextDue(): number | undefined {
    const ats = [...this.timers.values()].map((t) => t.at);
    return ats.length === 0 ? undefined : Math.min(...ats);
  }

  advance(ms: number): void {
    this.time += ms;
    for (const [id, timer] of [...this.timers]) {
      if (timer.at <= this.time) {
        this.timers.delete(id);
        timer.fn();
      }
    }
  }
}
