import type { CheckId } from '../../shared/checks';
import { CHECK_IDS } from '../../shared/checks';
import type { Policy } from '../../shared/policy/schema';
import type { ChangeSource } from '../probes/probe';

const INTERVAL_KEY: Record<CheckId, keyof Policy['intervals']> = {
  'screen-lock': 'screenLockSeconds',
  software: 'softwareSeconds',
  usb: 'usbSeconds',
  wifi: 'wifiSeconds',
};

/**
 * Runs each check at its policy interval and at once when a change source says so (a USB stick
 * plugged in). A check never runs twice at the same time: a request during a run queues one more run.
 */
export class Scheduler {
  private readonly timers = new Map<CheckId, NodeJS.Timeout>();
  private readonly running = new Set<CheckId>();
  private readonly pending = new Set<CheckId>();
  private unsubscribers: (() => void)[] = [];
  private stopped = false;

  constructor(
    private readonly runCheck: (id: CheckId) => Promise<unknown>,
    private readonly intervals: () => Policy['intervals'],
    private readonly sources: readonly ChangeSource[] = [],
  ) {}

  start(): void {
    this.stopped = false;
    this.unsubscribers = this.sources.map((s) => s.subscribe((id) => this.trigger(id)));
    for (const id of CHECK_IDS) this.trigger(id);
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const u of this.unsubscribers) u();
    this.unsubscribers = [];
  }

  /** Run a check now (and restart its interval afterwards). */
  trigger(id: CheckId): void {
    if (this.stopped) return;
    if (this.running.has(id)) {
      this.pending.add(id);
      return;
    }
    clearTimeout(this.timers.get(id));
    this.running.add(id);
    void this.runCheck(id)
      .catch(() => undefined) // the agent turns probe failures into "unknown"; nothing should reach here
      .finally(() => {
        this.running.delete(id);
        if (this.stopped) return;
        if (this.pending.delete(id)) return this.trigger(id);
        const timer = setTimeout(() => this.trigger(id), this.intervals()[INTERVAL_KEY[id]] * 1000);
        this.timers.set(id, timer);
      });
  }
}
