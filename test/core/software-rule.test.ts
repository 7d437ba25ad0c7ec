import { describe, expect, it } from 'vitest';
import { softwareRule } from '../../src/core/rules/software';
import { SoftwareRuleIndex } from '../../src/core/match/software-index';
import { AhoCorasick } from '../../src/core/match/aho-corasick';
import { compareVersions, compileRange } from '../../src/core/match/version';
import { globToRegExp } from '../../src/core/match/text';
import type { InstalledSoftware, RunningProcess } from '../../src/shared/facts';
import { SoftwareRule } from '../../src/shared/policy/schema';
import { ctx, policyWith } from '../support/policy';

const pkg = (name: string, over: Partial<InstalledSoftware> = {}): InstalledSoftware => ({
  name,
  version: '1.0',
  publisher: null,
  identifier: null,
  source: 'dpkg',
  ...over,
});
const proc = (name: string, pid = 100): RunningProcess => ({ pid, name, path: null });
const run = (installed: InstalledSoftware[], running: RunningProcess[] = [], policy = policyWith()) =>
  softwareRule({ installed: { state: 'known', value: installed }, running: { state: 'known', value: running } }, ctx(policy));

describe('software rule (example policy, denylist)', () => {
  it('flags the booklet cases: a cloud IME, an unapproved media player, cloud storage and free-mail clients', () => {
    const r = run([pkg('Baidu IME 3.6'), pkg('VLC media player'), pkg('Dropbox'), pkg('Mailbird'), pkg('LibreOffice 7.4')]);
    expect(r.findings.map((f) => [f.subject.label, f.rule.id, f.guidance])).toEqual([
      ['Baidu IME 3.6', 'cloud-ime', ['2章-2']],
      ['VLC media player', 'unapproved-media-player', ['2章-2']],
      ['Dropbox', 'personal-cloud-storage', ['2章-2', '3章-2', '3章-4']],
      ['Mailbird', 'free-mail-client', ['2章-2', '3章-2']],
    ]);
    expect(r.findings[0]?.rule.reason?.ja).toContain('外部のサーバー');
  });

  it('matches width- and case-insensitively (full-width names from Japanese Windows)', () => {
    expect(run([pkg('ＤＲＯＰＢＯＸ')]).findings).toHaveLength(1);
  });

  it('running processes are matched by executable name', () => {
    const r = run([], [proc('Dropbox.exe', 1), proc('dropbox.exe', 2), proc('explorer.exe', 3)]);
    expect(r.findings.map((f) => [f.kind, f.subject.label, f.subject.details.pids])).toEqual([
      ['software-denied-running', 'Dropbox.exe', '1'],
      ['software-denied-running', 'dropbox.exe', '2'],
    ]);
  });

  it('deny wins over allow; in allowlist mode unlisted software is unapproved (ignored sources aside)', () => {
    const p = policyWith((input) => {
      input.software.mode = 'allowlist';
      input.software.ignoreSources = ['dpkg'];
      input.software.rules.push(
        { id: 'office', action: 'allow', match: { name: 'LibreOffice*' }, reason: { ja: '標準ソフト' } },
        { id: 'all-dropbox', action: 'allow', match: { name: '*' }, reason: { ja: 'x' }, guidance: ['2章-2'] },
      );
      input.software.rules = input.software.rules.filter((r) => r.id !== 'all-dropbox');
    });
    const r = run([pkg('LibreOffice', { source: 'flatpak' }), pkg('GIMP', { source: 'flatpak' }), pkg('bash'), pkg('Dropbox', { source: 'flatpak' })], [], p);
    expect(r.findings.map((f) => [f.kind, f.subject.label])).toEqual([
      ['software-unapproved-installed', 'GIMP'],
      ['software-denied-installed', 'Dropbox'],
    ]);
  });

  it('version ranges, publisher, identifier, team id and platform narrow a rule', () => {
    const rules = [
      { id: 'old-7zip', action: 'deny', match: { name: '7-Zip*', version: '<23.01' }, reason: { ja: '脆弱' } },
      { id: 'pub', action: 'deny', match: { publisher: 'Evil Corp*' }, reason: { ja: 'x' } },
      { id: 'ident', action: 'deny', match: { identifier: 'com.example.*' }, reason: { ja: 'x' } },
      { id: 'team', action: 'deny', match: { teamId: 'ABCDE12345' }, reason: { ja: 'x' } },
      { id: 'win-only', action: 'deny', match: { name: 'Paint', platforms: ['win32'] }, reason: { ja: 'x' } },
    ].map((r) => SoftwareRule.parse(r));
    const p = policyWith((input) => (input.software.rules = rules as never));
    const r = run(
      [
        pkg('7-Zip 22.01', { version: '22.01' }),
        pkg('7-Zip 23.01', { version: '23.01' }),
        pkg('7-Zip unknown', { version: null }),
        pkg('Tool', { publisher: 'EVIL CORP Ltd.' }),
        pkg('App', { identifier: 'com.example.app' }),
        pkg('Signed', { teamId: 'ABCDE12345', source: 'macos-apps' }),
        pkg('Paint'),
      ],
      [],
      p,
    );
    expect(r.findings.map((f) => `${f.subject.label}:${f.rule.id}`)).toEqual(['7-Zip 22.01:old-7zip', 'Tool:pub', 'App:ident', 'Signed:team']);
  });

  it('unknown inventories stay unknown', () => {
    const r = softwareRule({ installed: { state: 'unknown', reason: 'command-missing', detail: 'dpkg-query' }, running: { state: 'known', value: [] } }, ctx());
    expect(r.unknowns).toEqual([{ state: 'unknown', reason: 'command-missing', detail: 'dpkg-query', fact: 'software.installed' }]);
  });
});

describe('rule index agrees with trying every rule on every package', () => {
  // Random names and globs over a small alphabet so that overlaps are frequent.
  const rand = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const next = rand(42);
  const word = (n: number) => Array.from({ length: n }, () => 'abcア'[Math.floor(next() * 4)]).join('');
  it('on 300 random allow and deny rules × 300 random packages: the first deny and whether any allow', () => {
    const rules = Array.from({ length: 300 }, (_, i) => {
      const glob = ['*', '', '?'].map((w) => w + word(1 + Math.floor(next() * 3))).join('') + (next() < 0.5 ? '*' : '');
      const action = next() < 0.7 ? 'deny' : 'allow';
      return SoftwareRule.parse({ id: `r${i}`, action, match: next() < 0.8 ? { name: glob } : { publisher: glob }, reason: { ja: 'x' } });
    });
    const index = new SoftwareRuleIndex(rules, 'linux');
    let decided = 0;
    for (let i = 0; i < 300; i++) {
      const p = pkg(word(3 + Math.floor(next() * 8)), { publisher: word(4) });
      const naive = rules.filter((r) => {
        const field = r.match.name !== undefined ? p.name : p.publisher!;
        return globToRegExp((r.match.name ?? r.match.publisher)!).test(field.normalize('NFKC').toLowerCase());
      });
      expect(index.decide(p)).toEqual({ deny: naive.find((r) => r.action === 'deny'), allowed: naive.some((r) => r.action === 'allow') });
      if (naive.length > 0) decided++;
    }
    // The data must exercise matching, not only misses.
    expect(decided).toBeGreaterThan(50);
  });

  it('Aho–Corasick reports every occurrence, overlapping ones included', () => {
    const ac = new AhoCorasick([['he', 1], ['she', 2], ['his', 3], ['hers', 4]] as const);
    const found: number[] = [];
    ac.search('ushers', (v) => found.push(v));
    expect(found.sort()).toEqual([1, 2, 4]);
  });
});

describe('versions', () => {
  it.each([
    ['1.0', '1.0.0', 0],
    ['1.2', '1.10', -1],
    ['1:1.0', '2.0', 1],
    ['1.0~rc1', '1.0', -1],
    ['10.0.19045.3803', '10.0.19045.4046', -1],
    ['2.40.1-1ubuntu1', '2.40.1-1', 1],
  ])('%s vs %s', (a, b, expected) => {
    expect(Math.sign(compareVersions(a, b))).toBe(expected);
    expect(Math.sign(compareVersions(b, a))).toBe(-expected || 0);
  });
  it('ranges need every comparator', () => {
    const inRange = compileRange('>=1.2 <2.0');
    expect(['1.2', '1.9.9', '2.0', '1.1'].map(inRange)).toEqual([true, true, false, false]);
  });
});
