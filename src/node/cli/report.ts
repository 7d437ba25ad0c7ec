import type { CheckResult, Finding } from '../../shared/findings';
import type { Lang } from '../../shared/localized';
import { pick } from '../../shared/localized';
import { t } from '../../shared/i18n';
import { findingText } from '../../shared/present/finding-text';
import type { FactUnknown } from '../../core/outcome';
import type { LoadedPolicy } from '../policy/loader';
import { problemLine } from '../../shared/policy/parse';

export const unknownText = (u: FactUnknown, lang: Lang): string => t(lang, `unknown.${u.reason}`, { detail: u.detail ?? u.fact });

/** Why a check could not be completed, each distinct reason once (two facts often fail for one reason). */
export const unknownTexts = (unknowns: readonly FactUnknown[], lang: Lang): string[] => [...new Set(unknowns.map((u) => unknownText(u, lang)))];

export const findingJson = (f: Finding, lang: Lang) => ({ ...f, message: findingText(f, lang) });

export function policyJson(loaded: LoadedPolicy, lang: Lang) {
  return {
    source: loaded.source.kind,
    file: loaded.source.file,
    revision: loaded.policy.revision,
    organization: pick(loaded.policy.organization.name, lang),
    problems: loaded.problems.map((p) => ({ ...p, text: problemLine(p, lang) })),
  };
}

/** The `mamori check --json` object; its field names are an interface administrators script against. */
export function checkJson(results: readonly CheckResult[], loaded: LoadedPolicy, lang: Lang, host: object) {
  return {
    checks: results.map((r) => ({
      id: r.id,
      status: r.status,
      ...(r.unknowns.length > 0 && { reason: unknownTexts(r.unknowns, lang).join(' ') }),
      unknowns: r.unknowns,
      findings: r.findings.map((f) => findingJson(f, lang)),
      checkedAt: r.checkedAt,
    })),
    policy: policyJson(loaded, lang),
    host,
  };
}
