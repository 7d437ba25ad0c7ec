import type { CheckId } from '../../shared/checks';
import { CHECK_IDS } from '../../shared/checks';
import type { GuidanceCatalogue, GuidanceEntry } from '../../shared/guidance/schema';
import type { GuidanceId } from '../../shared/guidance/ids';
import type { ReportReceipt, ReportStatusEvent, ReportSubmission, Snapshot } from '../../shared/ipc/contract';
import type { IsolationView, ReleaseResult } from '../../shared/isolation';
import type { Lang } from '../../shared/localized';
import type { Contact } from '../../shared/policy/schema';
import { trayState } from '../../shared/present/tray-state';
import { guidanceEntry } from '../../core/guidance';
import type { Host } from '../host/host';
import { isolationView, type IsolationControl } from '../incident/isolation-control';
import type { LoadedPolicy } from '../policy/loader';
import type { ChangeSource, ProbeSet } from '../probes/probe';
import { mamoriVersion, userStateDir } from '../resources/paths';
import { Agent, type CycleResult } from './agent';
import { IncidentReporter } from './incident-reporter';
import { Scheduler } from './scheduler';

/** How often the policy on disk is read again. */
export const POLICY_RELOAD_MS = 60_000;

/** The shortest time between two user-requested runs of the same check. */
export const RECHECK_MIN_MS = 2000;

export interface ServiceOptions {
  host: Host;
  probes: ProbeSet;
  /** Reads the policy in force (machine policy, last good, or default); called at start and on reload. */
  loadPolicy: () => Promise<LoadedPolicy>;
  /** The policy to start with when the caller has read it already (then loadPolicy is first called at reload). */
  initialPolicy?: LoadedPolicy;
  /** The booklet guidance (e.g. loadGuidance), read on first use: `mamori watch` never shows it and never pays for it. */
  guidance: () => GuidanceCatalogue;
  changeSources?: readonly ChangeSource[];
  /** Cuts the network after an infection report, and lifts it with staff's code (main: the helper on the live host; watch: noIsolation). */
  isolation: IsolationControl;
  /** Where reports queue on disk (default userStateDir()). */
  stateDir?: string;
  lang?: Lang;
  clock?: () => Date;
}

/**
 * The agent as the tray app and its windows use it: the checks running on schedule, one snapshot
 * of everything a window shows, and the few actions a user may take. Electron-free, so the same
 * object backs the real tray app, the renderer tests and `mamori watch` (which only starts it and
 * prints its cycles): scheduling, policy reload and reporting findings are the same in all of them.
 */
export class AgentService {
  private readonly agent: Agent;
  private readonly scheduler: Scheduler;
  private readonly running = new Set<CheckId>();
  private readonly snapshotListeners = new Set<(s: Snapshot) => void>();
  private lang: Lang;
  private policyTimer: NodeJS.Timeout | undefined;
  private readonly rechecks = new Map<CheckId | 'all', Promise<void>>();
  private readonly lastRecheck = new Map<CheckId | 'all', number>();
  private readonly reporter: IncidentReporter;
  private catalogue: GuidanceCatalogue | undefined;

  private constructor(
    private readonly options: ServiceOptions,
    loaded: LoadedPolicy,
  ) {
    this.lang = options.lang ?? 'ja';
    this.agent = new Agent(options.host, options.probes, loaded, options.clock);
    this.scheduler = new Scheduler((id) => this.run([id]), () => this.agent.policy.policy.intervals, options.changeSources ?? []);
    const now = () => (options.clock?.() ?? new Date()).getTime();
    this.reporter = new IncidentReporter({ stateDir: options.stateDir ?? userStateDir(), isolate: (reason) => options.isolation.isolate(reason), now });
    // Findings the policy wants reported (warn-and-report) go to the CSIRT as they appear.
    this.agent.onCycle(({ raised }) => {
      const reportable = raised.filter((f) => f.report);
      if (reportable.length > 0) void this.reporter.reportFindings(reportable, this.reportChannels(), this.reportContext()).catch(() => undefined);
    });
  }

  static async create(options: ServiceOptions): Promise<AgentService> {
    return new AgentService(options, options.initialPolicy ?? (await options.loadPolicy()));
  }

  get policy(): LoadedPolicy {
    return this.agent.policy;
  }

  /**
   * Starts the checks, and the report queue: what a previous run (or `mamori report`) left undelivered
   * goes out now, and what is queued later is looked for at each policy reload.
   */
  start(): void {
    this.scheduler.start();
    this.reporter.deliverPending(this.reportChannels()).catch(() => undefined);
    // A policy replaced on disk applies without a restart (a broken one keeps the current one: the loader falls back).
    this.policyTimer = setInterval(async () => {
      await this.reporter.deliverPending(this.reportChannels()).catch(() => undefined);
      await this.reloadPolicy().catch(() => undefined);
    }, POLICY_RELOAD_MS);
    this.policyTimer.unref?.();
  }

  async stop(): Promise<void> {
    clearInterval(this.policyTimer);
    this.scheduler.stop();
    await this.reporter.stop();
  }

  /** Reads the policy again and, when it changed, applies it and runs every check under it. */
  async reloadPolicy(): Promise<void> {
    const next = await this.options.loadPolicy();
    const current = this.agent.policy;
    if (JSON.stringify(next.policy) === JSON.stringify(current.policy) && JSON.stringify(next.problems) === JSON.stringify(current.problems)) return;
    this.agent.setPolicy(next);
    this.reporter.retarget(this.reportChannels());
    await this.run(CHECK_IDS);
  }

  snapshot(): Snapshot {
    const { policy, source, problems } = this.agent.policy;
    const checks = this.agent.results();
    return {
      lang: this.lang,
      organization: policy.organization.name,
      policy: { source: source.kind, revision: policy.revision, problems },
      checks,
      trayState: trayState(checks),
      contacts: policy.contacts,
      checking: CHECK_IDS.filter((id) => this.running.has(id)),
    };
  }

  /** Runs checks now; requests while the same checks run share that run. */
  async recheck(check?: CheckId): Promise<Snapshot> {
    const key = check ?? 'all';
    const inflight = this.rechecks.get(key);
    if (inflight) await inflight;
    else {
      const run = this.run(check ? [check] : CHECK_IDS).finally(() => {
        this.rechecks.delete(key);
        this.lastRecheck.set(key, Date.now());
      });
      this.rechecks.set(key, run);
      await run;
    }
    return this.snapshot();
  }

  /**
   * A user's "check now" from a window: as recheck(), except that checks which finished less than
   * RECHECK_MIN_MS ago are not run again, so a window (or a compromised renderer) cannot flood the probes.
   */
  async userRecheck(check?: CheckId): Promise<Snapshot> {
    const key = check ?? 'all';
    if (!this.rechecks.has(key) && Date.now() - (this.lastRecheck.get(key) ?? -Infinity) < RECHECK_MIN_MS) return this.snapshot();
    return this.recheck(check);
  }

  guidance(id?: GuidanceId): GuidanceEntry[] {
    const catalogue = (this.catalogue ??= this.options.guidance());
    const ids = id ? [id] : catalogue.entries.map((e) => e.id);
    return ids.flatMap((g) => guidanceEntry(catalogue, this.agent.policy.policy, g) ?? []);
  }

  setLanguage(lang: Lang): Snapshot {
    this.lang = lang;
    this.publish();
    return this.snapshot();
  }

  get language(): Lang {
    return this.lang;
  }

  contactOf(role: Contact['role']): Contact | undefined {
    return this.agent.policy.policy.contacts.find((c) => c.role === role);
  }

  finding(id: string) {
    return this.agent.results().flatMap((r) => r.findings).find((f) => f.id === id);
  }

  /**
   * A staff member's report (4章-4/5/6/8) through reportIncident, with what the agent last saw of
   * this PC. At most one per REPORT_MIN_INTERVAL_MS (ReportTooSoon otherwise).
   */
  report(submission: ReportSubmission): Promise<ReportReceipt> {
    return this.reporter.report(submission, this.reportChannels(), this.reportContext());
  }

  /** Whether this PC is isolated now, and whether staff may lift it with a code: asked of the helper each time. */
  async isolationStatus(): Promise<IsolationView> {
    return isolationView(await this.options.isolation.status());
  }

  /** Staff's release code, checked by the helper. Once the network is back, queued reports go out at once. */
  async releaseIsolation(code: string): Promise<ReleaseResult> {
    const answer = await this.options.isolation.release(code);
    if (answer.result === 'released') await this.reporter.kick();
    return answer;
  }

  /** What a report describes: this PC as the agent last saw it. */
  private reportContext() {
    return {
      host: this.options.host,
      policy: this.agent.policy.policy,
      facts: this.agent.facts(),
      findings: this.agent.results().flatMap((r) => r.findings),
      mamoriVersion: mamoriVersion(),
    };
  }

  /** Every change of a report's delivery state (retries included), for the windows. */
  onReportStatus(listener: (event: ReportStatusEvent) => void): () => void {
    return this.reporter.onStatus(listener);
  }

  private reportChannels() {
    return this.agent.policy.policy.reporting.channels;
  }

  onSnapshot(listener: (s: Snapshot) => void): () => void {
    this.snapshotListeners.add(listener);
    return () => this.snapshotListeners.delete(listener);
  }

  /** Every cycle, with what was raised and cleared: the tray's notifier listens here. */
  onCycle(listener: (cycle: CycleResult) => void): () => void {
    return this.agent.onCycle(listener);
  }

  private async run(ids: readonly CheckId[]): Promise<void> {
    for (const id of ids) this.running.add(id);
    this.publish();
    try {
      await this.agent.run(ids);
    } finally {
      for (const id of ids) this.running.delete(id);
      this.publish();
    }
  }

  private publish(): void {
    if (this.snapshotListeners.size === 0) return;
    const snapshot = this.snapshot();
    for (const listener of this.snapshotListeners) listener(snapshot);
  }
}
