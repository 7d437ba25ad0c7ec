import type { ScreenLockFacts } from '../../shared/facts';
import type { CheckOutcome, DraftFinding, RuleContext } from '../outcome';
import { unknownFact } from '../outcome';

const GUIDANCE = ['2章-1'] as const;

/** Auto-lock configured within the limit, password on resume, and the PC not left idle and unlocked. */
export function screenLockRule(facts: ScreenLockFacts, { policy }: RuleContext): CheckOutcome {
  const limits = policy.screenLock;
  const out: CheckOutcome = { findings: [], unknowns: [] };
  const setting = (kind: DraftFinding['kind'], ruleId: string, details: DraftFinding['subject']['details']): DraftFinding => ({
    kind,
    severity: 'violation',
    subject: { type: 'setting', key: kind, label: kind, details },
    rule: { id: ruleId },
    report: false,
    guidance: [...GUIDANCE],
  });

  if (facts.config.state === 'unknown') out.unknowns.push(unknownFact('screen-lock.config', facts.config));
  else {
    const cfg = facts.config.value;
    const evidence = cfg.evidence.map((e) => `${e.source}=${e.value}`).join('; ');
    if (cfg.lockAfterSeconds === null) {
      out.findings.push(setting('screen-lock-disabled', 'screenLock.maxLockAfterSeconds', { limitSeconds: limits.maxLockAfterSeconds, evidence }));
    } else if (cfg.lockAfterSeconds > limits.maxLockAfterSeconds) {
      out.findings.push(
        setting('screen-lock-too-slow', 'screenLock.maxLockAfterSeconds', {
          actualSeconds: cfg.lockAfterSeconds,
          limitSeconds: limits.maxLockAfterSeconds,
          evidence,
        }),
      );
    }
    if (limits.requirePasswordOnResume) {
      if (cfg.passwordOnResume === false) {
        out.findings.push(setting('screen-lock-no-password-on-resume', 'screenLock.requirePasswordOnResume', { evidence }));
      } else if (cfg.passwordOnResume === null) {
        out.unknowns.push({ state: 'unknown', reason: 'not-supported', detail: 'password on resume', fact: 'screen-lock.passwordOnResume' });
      }
    }
  }

  if (facts.session.state === 'unknown') out.unknowns.push(unknownFact('screen-lock.session', facts.session));
  else {
    const { locked, idleSeconds } = facts.session.value;
    if (!locked && idleSeconds !== null && idleSeconds > limits.maxUnlockedIdleSeconds) {
      out.findings.push({
        kind: 'screen-left-unlocked',
        severity: 'warning',
        subject: { type: 'session', key: 'session', label: 'session', details: { idleSeconds: Math.floor(idleSeconds), limitSeconds: limits.maxUnlockedIdleSeconds } },
        rule: { id: 'screenLock.maxUnlockedIdleSeconds' },
        report: false,
        guidance: [...GUIDANCE],
      });
    }
  }
  return out;
}
