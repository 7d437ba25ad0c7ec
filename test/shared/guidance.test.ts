import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GUIDANCE_IDS } from '../../src/shared/guidance/ids';
import { FINDING_KINDS, type FindingKind } from '../../src/shared/findings';
import { guidanceEntry } from '../../src/core/guidance';
import { loadGuidance } from '../../src/node/guidance/catalogue';
import { policyWith, repoRoot } from '../support/policy';
import { filesUnder } from '../support/files';

const catalogue = loadGuidance();
const booklet = readFileSync(path.join(repoRoot, '../shared/booklet/cybersecurity-booklet-r5.txt'), 'utf8').replace(/\s+/g, '');

/** The guidance ids each rule cites, read from the rule sources (every finding kind is raised by one rule file). */
function guidanceCitedFor(kind: FindingKind): string[] {
  const check = FINDING_KINDS[kind];
  const source = readFileSync(path.join(repoRoot, 'src/core/rules', `${check}.ts`), 'utf8');
  return [...source.matchAll(/'(\d章-\d|付録-\d)'/g)].map((m) => m[1]!);
}

describe('booklet guidance catalogue', () => {
  it('has exactly one entry per booklet section, in booklet order', () => {
    expect(catalogue.entries.map((e) => e.id)).toEqual([...GUIDANCE_IDS]);
  });

  it('every finding kind cites guidance that exists, and that entry lists the finding\'s check', () => {
    for (const kind of Object.keys(FINDING_KINDS) as FindingKind[]) {
      const ids = guidanceCitedFor(kind);
      expect(ids.length, kind).toBeGreaterThan(0);
      for (const id of ids) {
        const entry = catalogue.entries.find((e) => e.id === id);
        expect(entry, `${kind} cites ${id}`).toBeDefined();
        expect(entry!.checks, `${id} should list ${FINDING_KINDS[kind]}`).toContain(FINDING_KINDS[kind]);
      }
    }
  });

  it('every section reference inside the text points to a real section', () => {
    const text = JSON.stringify(catalogue);
    for (const [ref] of text.matchAll(/\d章-\d|付録-\d/g)) expect(GUIDANCE_IDS).toContain(ref);
  });

  it('every entry has English, and the Japanese is in our own words (no 15-character run copied from the booklet)', () => {
    for (const e of catalogue.entries) {
      for (const t of [e.summary, ...e.actions]) {
        expect(t.en, e.id).toBeTruthy();
        const ja = t.ja.replace(/\s+/g, '');
        for (let i = 0; i + 15 <= ja.length; i++) expect(booklet.includes(ja.slice(i, i + 15)), `${e.id}: "${ja.slice(i, i + 15)}"`).toBe(false);
      }
    }
  });

  it('an organisation can replace text and add its own steps', () => {
    const entry = guidanceEntry(catalogue, policyWith(), '4章-3')!;
    const base = catalogue.entries.find((e) => e.id === '4章-3')!;
    expect(entry.actions).toHaveLength(base.actions.length + 1);
    expect(entry.actions.at(-1)!.ja).toContain('貸出簿');
  });
});

describe('message catalogue', () => {
  it('no Japanese text for users is written outside the catalogue and the policy files', () => {
    const offenders = filesUnder(path.join(repoRoot, 'src'))
      .filter((file) => /\.(ts|html)$/.test(file) && !file.includes(`${path.sep}i18n${path.sep}`))
      .flatMap((file) => {
        const lines = readFileSync(file, 'utf8').split('\n');
        // A file whose purpose is reading Japanese OS output (label dictionaries) says so at its top.
        if (lines.slice(0, 5).some((l) => /i18n-exempt-file/.test(l))) return [];
        return lines.flatMap((line, i) => {
          // Comments may explain Japanese terms; code may not carry user text. Patterns that parse
          // Japanese OS output are marked "i18n-exempt" in a comment on the line above.
          if (i > 0 && /i18n-exempt/.test(lines[i - 1]!)) return [];
          const code = line.replace(/\/\/.*$|^\s*\*.*$|\/\*.*?\*\//g, '');
          return /[\u3040-\u30ff\u4e00-\u9fff]/.test(code) && !/章-|付録-/.test(code) ? [`${file}:${i + 1}`] : [];
        });
      });
    expect(offenders).toEqual([]);
  });
});
