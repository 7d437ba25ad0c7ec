import type { ReportKind } from '../../shared/report';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import type { Channel } from './channel';
import type { Clock } from './clock';
import { classify } from './failure';
import type { PendingReport, ReportQueue } from './queue';
import { DeliveryFailure, type ChannelStatus, type DeliveryErrorCode, type DeliveryState, type ReportStatus } from './types';

interface Slot {
  state: DeliveryState;
  attempts: number;
  nextAt: number;
  lastError?: DeliveryErrorCode;
  lastErrorStatus?: number;
  deliveredAt?: string;
  /** Delivered but the mark is not on disk yet (disk full): no resend while we run; the write is retried. */
  unpersisted?: boolean;
  markFailures?: number;
}

interface Entry {
  id: string;
  kind: ReportKind;
  createdAt: string;
  slots: Map<string, Slot>;
  completing?: boolean;
}

export type StatusListener = (status: ReportStatus) => void;

export interface DelivererOptions {
  queue: ReportQueue;
  channels: Channel[];
  clock: Clock;
  backoff?: BackoffOptions;
  random?: () => number;
  /** Statuses of reports delivered by this process, kept for status(id) (bounded). */
  keepDone?: number;
}

/**
 * Sends every pending report through every channel, at least once.
 *
 * - Per report × channel: its own state and exponential backoff; one send at a time per channel (oldest report
 *   first), channels independent of each other, so one failing receiver never holds up the others.
 * - A channel is marked delivered (fsynced in the queue) only after its send() resolved, i.e. the receiver
 *   accepted; a crash between acceptance and the mark means one duplicate, never a loss.
 * - Memory: per pending report only its id, kind, time and slot states; the report itself is read from disk
 *   for each attempt.
 */
export class Deliverer {
  private readonly entries = new Map<string, Entry>();
  private readonly done = new Map<string, ReportStatus>();
  private readonly busy = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly listeners = new Set<StatusListener>();
  private readonly abort = new AbortController();
  private readonly backoff: BackoffOptions;
  private readonly random: () => number;
  private readonly keepDone: number;
  private timer: { handle: unknown; at: number } | undefined;
  private stopped = false;
  private readonly waiters = new Set<(stopping?: boolean) => void>();

  constructor(private readonly options: DelivererOptions) {
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.random = options.random ?? Math.random;
    this.keepDone = options.keepDone ?? 200;
  }

  /** Loads what the queue still owes (after a restart: everything not marked) and starts sending. */
  async start(): Promise<void> {
    await this.rescan();
    this.pump();
  }

  /** Adds a just-persisted report. */
  add(report: PendingReport): void {
    if (this.stopped || this.entries.has(report.id) || this.done.has(report.id)) return;
    const entry: Entry = { id: report.id, kind: report.kind, createdAt: report.createdAt, slots: new Map() };
    for (const channel of this.options.channels) {
      const at = report.delivered[channel.key];
      entry.slots.set(channel.key, at === undefined ? { state: 'queued', attempts: 0, nextAt: 0 } : { state: 'delivered', attempts: 0, nextAt: 0, deliveredAt: at });
    }
    this.entries.set(report.id, entry);
    this.emit(entry);
    // Delivered everywhere already (e.g. marked just before a crash, not yet moved): finish it.
    if (this.options.channels.length > 0 && [...entry.slots.values()].every((s) => s.state === 'delivered')) void this.complete(entry);
  }

  /**
   * Retry now: on submit, network up, isolation released. Also picks up reports another process queued.
   * Backoff is reset to "due now" but attempt counts are kept, so a still-broken receiver backs off again.
   */
  kick(): void {
    if (this.stopped) return;
    const now = this.options.clock.now();
    for (const entry of this.entries.values()) {
      for (const slot of entry.slots.values()) if (slot.state === 'failed-will-retry' || slot.unpersisted) slot.nextAt = now;
    }
    this.pump();
    void this.rescan().then(() => this.pump(), () => undefined);
  }

  status(id: string): ReportStatus | undefined {
    const entry = this.entries.get(id);
    return entry === undefined ? this.done.get(id) : this.snapshot(entry);
  }

  statuses(): ReportStatus[] {
    return [...this.entries.values()].map((e) => this.snapshot(e));
  }

  onStatus(listener: StatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once nothing is owed (true) or after timeoutMs (false). */
  async drain(timeoutMs: number): Promise<boolean> {
    const idle = () => this.entries.size === 0;
    if (idle()) return true;
    if (this.options.channels.length === 0 || this.stopped) return false;
    return new Promise<boolean>((resolve) => {
      const check = (stopping?: boolean) => {
        if (!idle() && !stopping) return;
        cleanup();
        resolve(idle());
      };
      const timer = setTimeout(() => {
        cleanup();
        resolve(false);
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
    });
  }

  /** Stops sending: aborts attempts in flight (they count as not delivered) and waits for them to unwind. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    if (this.timer) this.options.clock.clearTimeout(this.timer.handle);
    this.timer = undefined;
    await Promise.allSettled([...this.inFlight]);
    for (const waiter of [...this.waiters]) waiter(true);
  }

  /** Reads only reports not already known, so a kick costs a directory listing, not the whole queue. */
  private async rescan(): Promise<void> {
    const known = (id: string) => this.entries.has(id) || this.done.has(id);
    for (const report of await this.options.queue.pending(known)) if (!known(report.id)) this.add(report);
  }

  /** Starts every send that is due, one per idle channel, then arms the timer for the next due one. */
  private pump(): void {
    if (this.stopped) return;
    const now = this.options.clock.now();
    let next = Infinity;
    for (const channel of this.options.channels) {
      let due: Entry | undefined;
      for (const entry of this.entries.values()) {
        const slot = entry.slots.get(channel.key);
        if (slot === undefined) continue;
        const owed = slot.state === 'queued' || slot.state === 'failed-will-retry' || (slot.state === 'delivered' && slot.unpersisted === true);
        if (!owed) continue;
        if (slot.nextAt > now) {
          next = Math.min(next, slot.nextAt);
          continue;
        }
        if (due === undefined || entry.createdAt < due.createdAt) due = entry;
      }
      if (due !== undefined && !this.busy.has(channel.key)) this.track(this.attempt(channel, due));
    }
    this.arm(next);
  }

  private arm(at: number): void {
    if (this.timer && this.timer.at <= at) return;
    if (this.timer) this.options.clock.clearTimeout(this.timer.handle);
    this.timer = undefined;
    if (at === Infinity) return;
    const handle = this.options.clock.setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, Math.max(0, at - this.options.clock.now()));
    this.timer = { handle, at };
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => {
      this.inFlight.delete(work);
      this.pump();
    });
  }

  private async attempt(channel: Channel, entry: Entry): Promise<void> {
    const slot = entry.slots.get(channel.key)!;
    this.busy.add(channel.key);
    try {
      if (slot.state === 'delivered') return await this.persistMark(entry, channel.key, slot);
      slot.state = 'sending';
      this.emit(entry);
      let payload;
      try {
        payload = await this.options.queue.read(entry.id);
      } catch {
        return this.fail(entry, slot, new DeliveryFailure('report-unreadable'));
      }
      if (payload === undefined) {
        // Completed by another process sharing the queue, or set aside as unreadable: nothing left to send.
        this.entries.delete(entry.id);
        return this.settleWaiters();
      }
      try {
        await channel.send(payload, this.abort.signal);
      } catch (e) {
        if (this.stopped) {
          slot.state = 'queued';
          return;
        }
        return this.fail(entry, slot, classify(e));
      }
      // Still "sending" until the mark is written, so that "delivered" on screen means delivered on disk too.
      slot.deliveredAt = new Date(this.options.clock.now()).toISOString();
      delete slot.lastError;
      delete slot.lastErrorStatus;
      await this.persistMark(entry, channel.key, slot);
    } finally {
      this.busy.delete(channel.key);
    }
  }

  private async persistMark(entry: Entry, key: string, slot: Slot): Promise<void> {
    try {
      await this.options.queue.markDelivered(entry.id, key, new Date(slot.deliveredAt!));
      slot.state = 'delivered';
      slot.unpersisted = false;
      slot.markFailures = 0;
    } catch {
      // The receiver has it; only our record is missing (disk full). Retried with backoff (and on kick); a
      // crash before then costs a duplicate, not a loss.
      slot.state = 'delivered';
      slot.unpersisted = true;
      slot.markFailures = (slot.markFailures ?? 0) + 1;
      slot.nextAt = this.options.clock.now() + backoffDelay(slot.markFailures, this.backoff, this.random);
    }
    this.emit(entry);
    if ([...entry.slots.values()].every((s) => s.state === 'delivered' && !s.unpersisted)) await this.complete(entry);
  }

  private fail(entry: Entry, slot: Slot, failure: DeliveryFailure): void {
    slot.attempts += 1;
    slot.state = 'failed-will-retry';
    slot.lastError = failure.code;
    if (failure.status === undefined) delete slot.lastErrorStatus;
    else slot.lastErrorStatus = failure.status;
    slot.nextAt = this.options.clock.now() + backoffDelay(slot.attempts, this.backoff, this.random);
    this.emit(entry);
  }

  private async complete(entry: Entry): Promise<void> {
    if (entry.completing) return;
    entry.completing = true;
    try {
      await this.options.queue.complete(entry.id);
    } catch {
      // Still in pending/ with every mark on disk: the next start moves it without sending again.
    }
    this.entries.delete(entry.id);
    const status = this.snapshot(entry);
    this.done.set(entry.id, status);
    if (this.done.size > this.keepDone) this.done.delete(this.done.keys().next().value!);
    this.settleWaiters();
  }

  private settleWaiters(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private snapshot(entry: Entry): ReportStatus {
    const channels: ChannelStatus[] = this.options.channels.map((channel) => {
      const slot = entry.slots.get(channel.key)!;
      return {
        channel: channel.key,
        type: channel.type,
        target: channel.target,
        state: slot.state,
        attempts: slot.attempts,
        ...(slot.lastError !== undefined && { lastError: slot.lastError }),
        ...(slot.lastErrorStatus !== undefined && { lastErrorStatus: slot.lastErrorStatus }),
        ...(slot.state === 'failed-will-retry' && { nextAttemptAt: new Date(slot.nextAt).toISOString() }),
        ...(slot.deliveredAt !== undefined && { deliveredAt: slot.deliveredAt }),
      };
    });
    return {
      id: entry.id,
      kind: entry.kind,
      createdAt: entry.createdAt,
      persisted: true,
      delivered: channels.length > 0 && channels.every((c) => c.state === 'delivered'),
      channels,
    };
  }

  private emit(entry: Entry): void {
    if (this.listeners.size === 0) return;
    const status = this.snapshot(entry);
    for (const listener of this.listeners) {
      try {
        listener(status);
      } catch {
        // A broken listener (UI) must never stop delivery.
      }
    }
  }
}
