import { describe, expect, it } from 'vitest';
import { screenLockRule } from '../../src/core/rules/screen-lock';
import type { ScreenLockFacts } from '../../src/shared/facts';
import { ctx } from '../support/policy';

const facts = (lockAfterSeconds: number | null, passwordOnResume: boolean | null, session?: { locked: boolean; idleSeconds: number | null }): ScreenLockFacts => ({
  config: { state: 'known', value: { lockAfterSeconds, passwordOnResume, evidence: [{ source: 'gsettings idle-delay', value: 'uint32 300' }] } },
  session: session ? { state: 'known', value: session } : { state: 'unknown', reason: 'no-desktop-session' },
});
const kinds = (f: ScreenLockFacts) => screenLockRule(f, ctx()).findings.map((x) => x.kind);

describe('screen-lock rule (example policy: lock within 600 s, password on resume, idle unlocked ≤ 900 s)', () => {
  it('within the limit with a password on resume passes', () => {
    expect(screenLockRule(facts(600, true, { locked: false, idleSeconds: 10 }), ctx())).toEqual({ findings: [], unknowns: [] });
  });
  it('never locking, locking too late and no password on resume are each a violation citing 2章-1', () => {
    expect(kinds(facts(null, true))).toEqual(['screen-lock-disabled']);
    expect(kinds(facts(601, false))).toEqual(['screen-lock-too-slow', 'screen-lock-no-password-on-resume']);
    const f = screenLockRule(facts(1200, true), ctx()).findings[0]!;
    expect(f).toMatchObject({ severity: 'violation', guidance: ['2章-1'], subject: { details: { actualSeconds: 1200, limitSeconds: 600 } } });
    expect(f.subject.details.evidence).toBe('gsettings idle-delay=uint32 300');
  });
  it('a PC idle and unlocked beyond the limit is a warning; locked or active is not', () => {
    expect(kinds(facts(300, true, { locked: false, idleSeconds: 901 }))).toEqual(['screen-left-unlocked']);
    expect(kinds(facts(300, true, { locked: true, idleSeconds: 5000 }))).toEqual([]);
    expect(kinds(facts(300, true, { locked: false, idleSeconds: 899 }))).toEqual([]);
    expect(kinds(facts(300, true, { locked: false, idleSeconds: null }))).toEqual([]);
  });
  it('an undeterminable password-on-resume is unknown, not a pass', () => {
    expect(screenLockRule(facts(300, null, { locked: false, idleSeconds: 1 }), ctx()).unknowns).toMatchObject([{ fact: 'screen-lock.passwordOnResume' }]);
  });
  it('unknown facts stay unknown, with their reasons', () => {
    const r = screenLockRule({ config: { state: 'unknown', reason: 'access-denied', detail: 'reg.exe' }, session: { state: 'unknown', reason: 'no-desktop-session' } }, ctx());
    expect(r.findings).toEqual([]);
    expect(r.unknowns.map((u) => [u.fact, u.reason])).toEqual([
      ['screen-lock.config', 'access-denied'],
      ['screen-lock.session', 'no-desktop-session'],
    ]);
  });
});
