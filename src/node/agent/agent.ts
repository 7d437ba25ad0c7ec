import type { CheckId } from '../../shared/checks';
import { CHECK_IDS } from '../../shared/checks';
import type { Facts } from '../../shared/facts';
import type { CheckResult, Finding } from '../../shared/findings';
import { evaluate, FindingHistory } from '../../core/evaluate';
import type { Host } from '../host/host';
import type { ProbeSet } from '../probes/probe';
import { collectSafely } from '../probes/probe';
import type { LoadedPolicy } from '../policy/loader';

export interface CycleResult {
  results: CheckResult[];
  /** Findings that appeared in this cycle. */
  raised: Finding[];
  /** Findings of the checks just run that are gone. */
  cleared: Finding[];
}

/**
 * The agent core shared by the CLI watcher and the tray app: probes → facts → rules → findings,
 * keeping the latest result of each check and telling listeners what appeared and what cleared.
 */
export class Agent {
  private readonly latest = new Map<CheckId, CheckResult>();
  /** The facts behind the latest results: a report describes the PC as the agent last saw it, without waiting for probes. */
  private readonly latestFacts: Partial<Facts> = {};
  private readonly listeners = new Set<(cycle: CycleResult) => void>();
  private readonly history = new FindingHistory();

  constructor(
    private readonly host: Host,
    private readonly probes: ProbeSet,
    private loaded: LoadedPolicy,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  get policy(): LoadedPolicy {
    return this.loaded;
  }

  /** A new policy applies from the next cycle of each check. */
  setPolicy(loaded: LoadedPolicy): void {
    this.loaded = loaded;
  }

  results(): CheckResult[] {
    return CHECK_IDS.flatMap((id) => this.latest.get(id) ?? []);
  }

  facts(): Readonly<Partial<Facts>> {
    return this.latestFacts;
  }

  onCycle(listener: (cycle: CycleResult) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Collects the facts of the given checks in parallel, then evaluates them. */
  async run(ids: readonly CheckId[] = CHECK_IDS): Promise<CycleResult> {
    const facts = await this.collect(ids);
    return this.apply(facts);
  }

  /** Evaluates facts gathered elsewhere (a support bundle, a test at the probe boundary). */
  apply(facts: Partial<Facts>): CycleResult {
    Object.assign(this.latestFacts, facts);
    const results = evaluate(facts, { policy: this.loaded.policy, platform: this.host.info.platform, now: this.clock() }, this.history);
    const raised: Finding[] = [];
    const cleared: Finding[] = [];
    for (const result of results) {
      const before = new Map((this.latest.get(result.id)?.findings ?? []).map((f) => [f.id, f]));
      for (const f of result.findings) if (!before.delete(f.id)) raised.push(f);
      cleared.push(...before.values());
      this.latest.set(result.id, result);
    }
    const cycle = { results, raised, cleared };
    for (const listener of this.listeners) listener(cycle);
    return cycle;
  }

  private async collect(ids: readonly CheckId[]): Promise<Partial<Facts>> {
    const entries = await Promise.all(ids.map(async (id) => [id, await collectSafely(this.probes[id] as never, this.host)] as const));
    return Object.fromEntries(entries) as Partial<Facts>;
  }
}
