import type { Policy } from '../../shared/policy/schema';
import type { Report } from '../../shared/report';
import type { BackoffOptions } from './backoff';
import type { Channel } from './channel';
import { httpsChannel } from './channels/https';
import { smtpChannel } from './channels/smtp';
import { syslogTlsChannel } from './channels/syslog-tls';
import { realClock, type Clock } from './clock';
import { Deliverer, type StatusListener } from './deliverer';
import { ReportQueue } from './queue';
import { ReportingError, type ReportStatus } from './types';

export type { ChannelStatus, ChannelType, DeliveryErrorCode, DeliveryState, ReportStatus, ReportingErrorCode } from './types';
export { ReportingError } from './types';

export type ReportingChannelConfig = Policy['reporting']['channels'][number];

export interface ReportingOptions {
  /** The agent's state directory; reports live in <stateDir>/reports (created mode 0700). */
  stateDir: string;
  /** The policy's reporting.channels. */
  channels: readonly ReportingChannelConfig[];
  clock?: Clock;
  /** Per-attempt deadline of every channel (default 15 s). */
  timeoutMs?: number;
  backoff?: BackoffOptions;
  random?: () => number;
  /** Fully delivered reports kept on disk (default 100). */
  deliveredKeep?: number;
}

export interface DrainResult {
  /** Nothing is owed any more. */
  complete: boolean;
  /** What is still owed, for "the report waits in the queue; phone …". */
  pending: ReportStatus[];
}

export interface Reporting {
  /** Persists the report (atomic, fsynced), then starts sending it. Resolves once it is on disk. */
  submit(report: Report): Promise<ReportStatus>;
  status(id: string): ReportStatus | undefined;
  /** Every change of any report's delivery status; returns the unsubscribe function. */
  onStatus(listener: StatusListener): () => void;
  /** Retry now: network came up, isolation was released. */
  kick(): void;
  /** Waits until every queued report is delivered, or timeoutMs. */
  drain(timeoutMs: number): Promise<DrainResult>;
  stop(): Promise<void>;
}

/** The policy's channels, de-duplicated by endpoint (a policy listing one receiver twice sends once). */
export function channelsFromPolicy(configs: readonly ReportingChannelConfig[], timeoutMs?: number): Channel[] {
  const options = timeoutMs === undefined ? {} : { timeoutMs };
  const channels = configs.map((c): Channel => {
    switch (c.type) {
      case 'https':
        return httpsChannel(c, options);
      case 'syslog-tls':
        return syslogTlsChannel(c, options);
      case 'smtp':
        return smtpChannel(c, options);
    }
  });
  return channels.filter((c, i) => channels.findIndex((d) => d.key === c.key) === i);
}

/**
 * The reporting pipeline the CLI and the tray use: a durable queue under stateDir and a deliverer over the
 * policy's channels. Reports a previous run left undelivered start going out at once.
 */
export async function createReporting(options: ReportingOptions): Promise<Reporting> {
  const queue = await ReportQueue.open(options.stateDir, options.deliveredKeep === undefined ? {} : { deliveredKeep: options.deliveredKeep });
  const deliverer = new Deliverer({
    queue,
    channels: channelsFromPolicy(options.channels, options.timeoutMs),
    clock: options.clock ?? realClock,
    ...(options.backoff !== undefined && { backoff: options.backoff }),
    ...(options.random !== undefined && { random: options.random }),
  });
  await deliverer.start();
  let stopped = false;

  return {
    async submit(report) {
      if (stopped) throw new ReportingError('stopped');
      const { already } = await queue.enqueue(report);
      const summary = { id: report.id, kind: report.kind, createdAt: report.createdAt };
      if (already === 'pending') deliverer.add((await queue.describe(report.id).catch(() => undefined)) ?? { ...summary, delivered: {} });
      else if (already === undefined) deliverer.add({ ...summary, delivered: {} });
      deliverer.kick();
      // A resubmitted report that was delivered long ago (and forgotten by this process) reads as delivered.
      return deliverer.status(report.id) ?? { ...summary, persisted: true, delivered: true, channels: [] };
    },
    status: (id) => deliverer.status(id),
    onStatus: (listener) => deliverer.onStatus(listener),
    kick: () => deliverer.kick(),
    async drain(timeoutMs) {
      const complete = await deliverer.drain(timeoutMs);
      return { complete, pending: complete ? [] : deliverer.statuses() };
    },
    async stop() {
      stopped = true;
      await deliverer.stop();
    },
  };
}
