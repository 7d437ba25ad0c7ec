import type { SoftwareFacts } from '../../shared/facts';
import type { SoftwareRule } from '../../shared/policy/schema';
import type { CheckOutcome, RuleContext } from '../outcome';
import { unknownFact } from '../outcome';
import { SoftwareRuleIndex } from '../match/software-index';
import { localized } from '../../shared/i18n';

/** Compiling the index is the costly part; policies change rarely, so keep the last one. */
let cached: { rules: readonly SoftwareRule[]; platform: string; index: SoftwareRuleIndex } | undefined;
function indexFor(rules: readonly SoftwareRule[], platform: RuleContext['platform']): SoftwareRuleIndex {
  if (cached?.rules !== rules || cached.platform !== platform) cached = { rules, platform, index: new SoftwareRuleIndex(rules, platform) };
  return cached.index;
}

/** Deny rules win over allow rules; in allowlist mode, anything no rule allows is unapproved too. */
export function softwareRule(facts: SoftwareFacts, { policy, platform }: RuleContext): CheckOutcome {
  const out: CheckOutcome = { findings: [], unknowns: [] };
  const { mode, ignoreSources, rules } = policy.software;
  const index = indexFor(rules, platform);

  if (facts.installed.state === 'unknown') out.unknowns.push(unknownFact('software.installed', facts.installed));
  else {
    // One finding per package, even when an inventory lists it twice.
    const reported = new Set<string>();
    for (const pkg of facts.installed.value) {
      const { deny, allowed } = index.decide(pkg);
      const unapproved = !deny && mode === 'allowlist' && !allowed && !ignoreSources.includes(pkg.source);
      if (!deny && !unapproved) continue;
      const key = `${pkg.source}:${pkg.identifier ?? pkg.name}`;
      if (reported.has(key)) continue;
      reported.add(key);
      out.findings.push({
        kind: deny ? 'software-denied-installed' : 'software-unapproved-installed',
        severity: deny ? 'violation' : 'warning',
        subject: {
          type: 'software',
          key,
          label: pkg.name,
          details: { version: pkg.version, publisher: pkg.publisher, identifier: pkg.identifier, source: pkg.source },
        },
        rule: deny ? { id: deny.id, reason: deny.reason } : { id: 'software.mode', reason: localized('reason.not-in-allowlist') },
        report: false,
        guidance: deny ? [...deny.guidance] : ['2章-2'],
      });
    }
  }

  if (facts.running.state === 'unknown') out.unknowns.push(unknownFact('software.running', facts.running));
  else {
    const byName = new Map<string, { rule: SoftwareRule; pids: number[]; path: string | null }>();
    for (const proc of facts.running.value) {
      const deny = index.matchProcess(proc).find((r) => r.action === 'deny');
      if (!deny) continue;
      const entry = byName.get(proc.name) ?? { rule: deny, pids: [], path: proc.path };
      entry.pids.push(proc.pid);
      byName.set(proc.name, entry);
    }
    for (const [name, { rule, pids, path }] of byName) {
      out.findings.push({
        kind: 'software-denied-running',
        severity: 'violation',
        subject: { type: 'process', key: name, label: name, details: { pids: pids.join(','), path } },
        rule: { id: rule.id, reason: rule.reason },
        report: false,
        guidance: [...rule.guidance],
      });
    }
  }
  return out;
}
