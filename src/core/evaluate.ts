import type { CheckId, CheckStatus } from '../shared/checks';
import type { Facts } from '../shared/facts';
import type { CheckResult, Finding } from '../shared/findings';
import { FINDING_KINDS } from '../shared/findings';
import { findingId } from './finding-id';
import type { CheckOutcome, DraftFinding, FactUnknown, RuleContext } from './outcome';
import { screenLockRule } from './rules/screen-lock';
import { softwareRule } from './rules/software';
import { usbRule } from './rules/usb';
import { wifiRule } from './rules/wifi';

/** The rule of each check: a pure function from facts and policy to findings. */
const RULES: { [K in CheckId]: (facts: Facts[K], ctx: RuleContext) => CheckOutcome } = {
  'screen-lock': screenLockRule,
  software: softwareRule,
  usb: usbRule,
  wifi: wifiRule,
};

/** fail when anything must be acted on; else unknown when any fact was missing; pass only when all was seen. */
export function statusOf(findings: readonly DraftFinding[], unknowns: readonly FactUnknown[]): CheckStatus {
  if (findings.some((f) => f.severity !== 'info')) return 'fail';
  return unknowns.length > 0 ? 'unknown' : 'pass';
}

/**
 * Remembers when each finding was first seen, so ids and first-seen times survive across cycles.
 * Findings of a check that was not evaluated in a cycle are left as they were.
 */
export class FindingHistory {
  private readonly firstSeen = new Map<string, string>();

  constructor(initial: Iterable<[id: string, firstSeen: string]> = []) {
    for (const [id, t] of initial) this.firstSeen.set(id, t);
  }

  stamp(check: CheckId, drafts: readonly DraftFinding[], now: string): Finding[] {
    const findings = drafts.map((d) => {
      const id = findingId(d.kind, d.subject.key, d.rule.id);
      const first = this.firstSeen.get(id) ?? now;
      return { ...d, id, check, firstSeen: first, lastSeen: now };
    });
    const current = new Set(findings.map((f) => f.id));
    for (const id of [...this.firstSeen.keys()]) {
      if (FINDING_KINDS[id.slice(0, id.indexOf('/')) as keyof typeof FINDING_KINDS] === check && !current.has(id)) this.firstSeen.delete(id);
    }
    for (const f of findings) this.firstSeen.set(f.id, f.firstSeen);
    return findings;
  }

  entries(): [string, string][] {
    return [...this.firstSeen];
  }
}

/** Evaluates the checks whose facts are given, in the users' order. */
export function evaluate(facts: Partial<Facts>, ctx: RuleContext, history = new FindingHistory()): CheckResult[] {
  const now = ctx.now.toISOString();
  const results: CheckResult[] = [];
  for (const id of Object.keys(RULES) as CheckId[]) {
    const f = facts[id];
    if (f === undefined) continue;
    const outcome = (RULES[id] as (facts: unknown, ctx: RuleContext) => CheckOutcome)(f, ctx);
    results.push({
      id,
      status: statusOf(outcome.findings, outcome.unknowns),
      unknowns: outcome.unknowns,
      findings: history.stamp(id, outcome.findings, now),
      checkedAt: now,
    });
  }
  return results;
}
