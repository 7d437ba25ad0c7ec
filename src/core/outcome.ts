import type { Platform } from '../shared/checks';
import type { Finding } from '../shared/findings';
import type { Unknown } from '../shared/observed';
import type { Policy } from '../shared/policy/schema';

/** What a rule decides about one finding; the engine adds id, check and timestamps. */
export type DraftFinding = Omit<Finding, 'id' | 'check' | 'firstSeen' | 'lastSeen'>;

export type FactUnknown = Unknown & { fact: string };

export interface CheckOutcome {
  findings: DraftFinding[];
  unknowns: FactUnknown[];
}

export interface RuleContext {
  policy: Policy;
  platform: Platform;
  now: Date;
}

export const unknownFact = (fact: string, u: Unknown): FactUnknown => ({ ...u, fact });
