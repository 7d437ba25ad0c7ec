import type { CheckResult, Finding } from '../../shared/findings';
import type { GuidanceCatalogue } from '../../shared/guidance/schema';
import type { Lang } from '../../shared/localized';
import { pick } from '../../shared/localized';
import type { Policy } from '../../shared/policy/schema';
import { t } from '../../shared/i18n';
import { findingText } from '../../shared/present/finding-text';
import { guidanceEntry } from '../../core/guidance';
import { unknownTexts } from './report';

const MARK = { pass: '✔', fail: '✖', unknown: '?' } as const;

/** A finding as staff read it in a terminal: what, why, which booklet section, what to do. */
export function renderFinding(f: Finding, lang: Lang, catalogue: GuidanceCatalogue, policy: Policy): string[] {
  const lines = [`  [${t(lang, `severity.${f.severity}`)}] ${findingText(f, lang)}`];
  if (f.rule.reason && f.kind !== 'usb-approved-device') lines.push(`      ${pick(f.rule.reason, lang)}`);
  for (const id of f.guidance) {
    const g = guidanceEntry(catalogue, policy, id);
    if (!g) continue;
    const clauses = g.clauses.map((c) => t(lang, 'cli.clause', { ref: c.ref })).join(', ');
    lines.push(`      ${t(lang, 'cli.guidance', { id, title: pick(g.title, lang) })}${clauses ? ` — ${clauses}` : ''}`);
  }
  const first = f.guidance[0] ? guidanceEntry(catalogue, policy, f.guidance[0]) : undefined;
  if (first) {
    lines.push(`      ${t(lang, 'cli.what-to-do')}:`);
    for (const a of first.actions) lines.push(`        ${t(lang, 'cli.bullet')}${pick(a, lang)}`);
  }
  return lines;
}

export function renderResults(results: readonly CheckResult[], lang: Lang, catalogue: GuidanceCatalogue, policy: Policy): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${MARK[r.status]} ${t(lang, `check.${r.id}`)}: ${t(lang, `status.${r.status}`)}`);
    for (const f of r.findings) lines.push(...renderFinding(f, lang, catalogue, policy));
    for (const text of unknownTexts(r.unknowns, lang)) lines.push(`  - ${text}`);
  }
  const failing = results.reduce((n, r) => n + r.findings.filter((f) => f.severity !== 'info').length, 0);
  lines.push('');
  if (failing > 0) lines.push(t(lang, 'cli.summary.fail', { n: failing }));
  else if (results.some((r) => r.status === 'unknown')) lines.push(t(lang, 'cli.summary.unknown'));
  else lines.push(t(lang, 'cli.summary.pass'));
  if (failing > 0) lines.push(...renderContacts(lang, policy));
  return lines.join('\n');
}

export function renderContacts(lang: Lang, policy: Policy): string[] {
  return [
    `${t(lang, 'cli.contacts')}:`,
    ...policy.contacts.map((c) => `  ${t(lang, `contact.${c.role}`)}: ${pick(c.name, lang)}  ${c.phone}  ${c.email}`),
  ];
}
