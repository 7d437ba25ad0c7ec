import type { ChannelDelivery, ReportReceipt, ReportStatusEvent, ReportSubmission } from '../../shared/ipc/contract';
import { isolatesByDefault } from '../../shared/report';
import type { Finding } from '../../shared/findings';
import { t } from '../../shared/i18n';
import type { ReportContext } from '../incident/build-report';
import type { IsolationControl } from '../incident/isolation-control';
import type { ChannelStatus, Reporting, ReportingChannelConfig, ReportStatus } from '../report';
import { hasPendingReports } from '../report/queue';

/** The shortest time between two persisted reports from a window: a window (or a compromised renderer) cannot fire them in a loop. */
export const REPORT_MIN_INTERVAL_MS = 10_000;

/** A report asked for while another is being made, or less than REPORT_MIN_INTERVAL_MS after the last persisted one. */
export class ReportTooSoon extends Error {
  constructor() {
    super('rate-limited');
  }
}

const delivery = (channels: readonly ChannelStatus[]): ChannelDelivery[] =>
  channels.map((c) => ({ target: c.target, state: c.state, ...(c.lastError !== undefined && { lastError: c.lastError }) }));

export const statusEvent = (status: ReportStatus): ReportStatusEvent => ({ id: status.id, channels: delivery(status.channels) });

export interface IncidentReporterOptions {
  stateDir: string;
  isolate: IsolationControl['isolate'];
  now?: () => number;
}

/**
 * The agent's side of the durable reporting pipeline (src/node/report), for the tray and `mamori watch`
 * (both through AgentService): opened when something is to be sent (a report, or reports a previous run
 * or `mamori report` left queued: see deliverPending), reopened when the policy names other channels.
 * Each staff report runs reportIncident (the CLI's pipeline) and comes back as a receipt for the window.
 * The pipeline (TLS, SMTP) and the report builder are loaded only when first needed: the watcher stays
 * small while there is nothing to send.
 */
export class IncidentReporter {
  private reporting: Promise<Reporting> | null = null;
  private channelsKey = '';
  private lastPersisted = -Infinity;
  /** A staff report is being made: a second one is refused meanwhile. */
  private inFlight = false;
  private readonly listeners = new Set<(event: ReportStatusEvent) => void>();

  constructor(private readonly options: IncidentReporterOptions) {}

  /** Opens the pipeline over these channels, or reopens it if they changed (the queue on disk stays). */
  use(channels: readonly ReportingChannelConfig[]): Promise<Reporting> {
    const key = JSON.stringify(channels);
    if (this.reporting && key === this.channelsKey) return this.reporting;
    const previous = this.reporting;
    this.channelsKey = key;
    const opening = (async () => {
      await (await previous?.catch(() => null))?.stop();
      const { createReporting } = await import('../report/index.js');
      const reporting = await createReporting({ stateDir: this.options.stateDir, channels });
      reporting.onStatus((status) => this.listeners.forEach((listener) => listener(statusEvent(status))));
      return reporting;
    })();
    this.reporting = opening;
    // A failed open is retried at the next use.
    opening.catch(() => {
      if (this.reporting === opening) this.reporting = null;
    });
    return opening;
  }

  /**
   * Opens the pipeline if it is not open and reports wait on disk (left by a previous run, or queued by
   * `mamori report` meanwhile), so that they go out; with nothing waiting, nothing is loaded.
   */
  async deliverPending(channels: readonly ReportingChannelConfig[]): Promise<void> {
    if (this.reporting || !(await hasPendingReports(this.options.stateDir))) return;
    await this.use(channels);
  }

  /** The policy's channels (may have) changed: an open pipeline follows them; a closed one opens with them when needed. */
  retarget(channels: readonly ReportingChannelConfig[]): void {
    if (this.reporting) this.use(channels).catch(() => undefined);
  }

  onStatus(listener: (event: ReportStatusEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * One staff report. Only one runs at a time, and after one is persisted the next waits
   * REPORT_MIN_INTERVAL_MS; one that could not be persisted does not count, so the user can retry at once.
   */
  async report(submission: ReportSubmission, channels: readonly ReportingChannelConfig[], ctx: ReportContext): Promise<ReportReceipt> {
    const now = (this.options.now ?? Date.now)();
    if (this.inFlight || now - this.lastPersisted < REPORT_MIN_INTERVAL_MS) throw new ReportTooSoon();
    this.inFlight = true;
    try {
      const reporting = this.use(channels);
      const isolationRequested = isolatesByDefault(submission.kind) && submission.isolate;
      const { reportIncident } = await import('../incident/flow.js');
      const outcome = await reportIncident({ kind: submission.kind, note: submission.note, isolationRequested }, ctx, { reporting, isolate: this.options.isolate });
      const { report, persisted, isolation } = outcome;
      if (persisted.ok) this.lastPersisted = now;
      const status = persisted.ok ? ((await reporting).status(report.id) ?? persisted.status) : null;
      return {
        id: report.id,
        kind: report.kind,
        persisted: persisted.ok ? { ok: true } : { ok: false, code: persisted.code },
        channels: status ? delivery(status.channels) : [],
        isolation: isolation && { code: isolation.code, reportChannelCut: isolation.reportChannelCut },
      };
    } finally {
      this.inFlight = false;
    }
  }

  /**
   * Findings the policy marks `report` (e.g. usb.onUnapproved "warn-and-report") go to the CSIRT by
   * themselves: one report per cycle that raised them, kind "other", never isolating, and not subject
   * to the staff rate limit (each finding is raised once per appearance). Persisted before it returns.
   */
  async reportFindings(findings: readonly Finding[], channels: readonly ReportingChannelConfig[], ctx: ReportContext): Promise<string | null> {
    if (findings.length === 0) return null;
    const reporting = await this.use(channels);
    const note = t('ja', 'report.automatic', { kinds: [...new Set(findings.map((f) => f.kind))].join(', ') });
    const { buildReport } = await import('../incident/build-report.js');
    const report = await buildReport({ kind: 'other', note, isolationRequested: false }, { ...ctx, findings });
    await reporting.submit(report);
    return report.id;
  }

  /** The network came back (isolation lifted): what waits in the queue is retried now rather than at its back-off. */
  async kick(): Promise<void> {
    (await this.reporting?.catch(() => null))?.kick();
  }

  async stop(): Promise<void> {
    const reporting = this.reporting;
    this.reporting = null;
    await (await reporting?.catch(() => null))?.stop();
  }
}
