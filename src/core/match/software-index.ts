import type { InstalledSoftware, RunningProcess } from '../../shared/facts';
import type { Platform } from '../../shared/checks';
import type { SoftwareRule } from '../../shared/policy/schema';
import { AhoCorasick } from './aho-corasick';
import { fold, globToRegExp, longestLiteral } from './text';
import { compileRange } from './version';

/** A software rule compiled once per policy: its globs as RegExps, its range as a predicate. */
interface CompiledRule {
  readonly rule: SoftwareRule;
  /** Position in the policy, so results come back in policy order. */
  readonly order: number;
  readonly name?: RegExp;
  readonly publisher?: RegExp;
  readonly identifier?: RegExp;
  readonly process?: RegExp;
  readonly teamId?: string;
  readonly version?: (v: string) => boolean;
  readonly platforms?: readonly Platform[];
}

type Field = 'name' | 'identifier' | 'publisher';

function compile(rule: SoftwareRule, order: number): CompiledRule {
  const m = rule.match;
  return {
    rule,
    order,
    ...(m.name !== undefined && { name: globToRegExp(m.name) }),
    ...(m.publisher !== undefined && { publisher: globToRegExp(m.publisher) }),
    ...(m.identifier !== undefined && { identifier: globToRegExp(m.identifier) }),
    ...(m.process !== undefined && { process: globToRegExp(m.process) }),
    ...(m.teamId !== undefined && { teamId: m.teamId }),
    ...(m.version !== undefined && { version: compileRange(m.version) }),
    ...(m.platforms !== undefined && { platforms: m.platforms }),
  };
}

/**
 * Finds the rules that match a package or a process without trying every rule on every package:
 * each rule is indexed under one literal taken from its most selective field; a package is scanned
 * once per field with Aho–Corasick and only the candidate rules are verified in full.
 */
export class SoftwareRuleIndex {
  private readonly byField = new Map<Field, AhoCorasick<CompiledRule>>();
  private readonly byTeamId = new Map<string, CompiledRule[]>();
  /** Rules with no literal to index on (e.g. name "*"): tried on every package. */
  private readonly unindexed: CompiledRule[] = [];
  private readonly processRules: CompiledRule[] = [];
  private readonly processIndex: AhoCorasick<CompiledRule>;
  /** Per rule, the last search that found it (see candidates). */
  private readonly stamp: Int32Array;
  private epoch = 0;

  constructor(rules: readonly SoftwareRule[], platform: Platform) {
    this.stamp = new Int32Array(rules.length);
    const literals: Record<Field, [string, CompiledRule][]> = { name: [], identifier: [], publisher: [] };
    const processLiterals: [string, CompiledRule][] = [];
    rules.forEach((rule, order) => {
      if (rule.match.platforms && !rule.match.platforms.includes(platform)) return;
      const c = compile(rule, order);
      const m = rule.match;
      if (m.process !== undefined) {
        const lit = longestLiteral(m.process);
        if (lit) processLiterals.push([lit, c]);
        else this.processRules.push(c);
      }
      if (m.name === undefined && m.identifier === undefined && m.publisher === undefined && m.teamId === undefined) return;
      const field = (['name', 'identifier', 'publisher'] as const).find((f) => m[f] !== undefined && longestLiteral(m[f]!) !== '');
      if (field) literals[field].push([longestLiteral(m[field]!), c]);
      else if (m.teamId !== undefined) this.byTeamId.set(m.teamId, [...(this.byTeamId.get(m.teamId) ?? []), c]);
      else this.unindexed.push(c);
    });
    for (const field of ['name', 'identifier', 'publisher'] as const) {
      if (literals[field].length > 0) this.byField.set(field, new AhoCorasick(literals[field]));
    }
    this.processIndex = new AhoCorasick(processLiterals);
  }

  /**
   * What the rules say about a package: the first deny rule (in policy order) that matches, and
   * whether any allow rule matches. Candidates are verified in policy order and the search stops
   * as soon as the answer is known.
   */
  decide(pkg: InstalledSoftware): { deny: SoftwareRule | undefined; allowed: boolean } {
    const { folded, candidates } = this.candidates(pkg);
    let deny: SoftwareRule | undefined;
    let allowed = false;
    for (const c of candidates) {
      if (deny && allowed) break;
      if (c.rule.action === 'deny' ? deny !== undefined : allowed) continue;
      if (!installedMatches(c, pkg, folded)) continue;
      if (c.rule.action === 'deny') deny = c.rule;
      else allowed = true;
    }
    return { deny, allowed };
  }

  /** The rules that could match, in policy order (those whose indexed literal occurs in the package), and its folded fields. */
  private candidates(pkg: InstalledSoftware): { folded: Record<Field, string | null>; candidates: CompiledRule[] } {
    const folded: Record<Field, string | null> = {
      name: fold(pkg.name),
      identifier: pkg.identifier === null ? null : fold(pkg.identifier),
      publisher: pkg.publisher === null ? null : fold(pkg.publisher),
    };
    // A rule found twice (its literal occurs twice) is kept once: stamped with this search's epoch.
    const epoch = ++this.epoch;
    const found: CompiledRule[] = [...this.unindexed];
    const add = (c: CompiledRule) => {
      if (this.stamp[c.order] === epoch) return;
      this.stamp[c.order] = epoch;
      found.push(c);
    };
    for (const [field, automaton] of this.byField) {
      const text = folded[field];
      if (text !== null) automaton.search(text, add);
    }
    if (pkg.teamId) for (const c of this.byTeamId.get(pkg.teamId) ?? []) add(c);
    if (found.length > 1) found.sort((a, b) => a.order - b.order);
    return { folded, candidates: found };
  }

  /** Every rule whose `process` pattern matches this running process, in policy order. */
  matchProcess(proc: RunningProcess): SoftwareRule[] {
    const name = fold(proc.name);
    const candidates = new Set<CompiledRule>(this.processRules);
    this.processIndex.search(name, (c) => candidates.add(c));
    return [...candidates]
      .filter((c) => c.process!.test(name))
      .sort((a, b) => a.order - b.order)
      .map((c) => c.rule);
  }
}

function installedMatches(c: CompiledRule, pkg: InstalledSoftware, folded: Record<Field, string | null>): boolean {
  // A rule that names only a process says nothing about installed packages.
  if (!c.name && !c.identifier && !c.publisher && c.teamId === undefined) return false;
  for (const field of ['name', 'identifier', 'publisher'] as const) {
    const pattern = c[field];
    if (pattern && (folded[field] === null || !pattern.test(folded[field]!))) return false;
  }
  if (c.teamId !== undefined && pkg.teamId !== c.teamId) return false;
  // A version constraint cannot be decided without a version: the rule does not apply.
  if (c.version && (pkg.version === null || !c.version(pkg.version))) return false;
  return true;
}
