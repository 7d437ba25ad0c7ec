import type { Unknown } from '../../../shared/observed';
import { unknown } from '../../../shared/observed';

/**
 * One `unknown` for several sources that all failed (or whose failures all matter): their common
 * reason when they agree, else command-failed; every source's reason and detail in the detail.
 */
export function joinUnknowns(whys: readonly [Unknown, ...Unknown[]]): Unknown {
  const reasons = new Set(whys.map((w) => w.reason));
  const reason = reasons.size === 1 ? whys[0].reason : 'command-failed';
  return unknown(reason, whys.map((w) => (w.detail === undefined ? w.reason : `${w.reason}: ${w.detail}`)).join('; '));
}

/** Tells an `unknown` apart from a plain value in the probes' "value or why not" results. */
export const isUnknown = (v: unknown): v is Unknown => typeof v === 'object' && v !== null && 'state' in v && v.state === 'unknown';
