/**
 * Wrong release codes slow down: the first few are free, then each one locks further attempts for
 * twice as long as the last (30 s, 1 min, 2 min … at most 1 h). The counter is kept in the state file,
 * so restarting the helper does not reset it; a correct code (or an administrator's release) does.
 */
export interface Failures {
  count: number;
  /** Epoch ms of the last wrong code, or null. */
  lastAt: number | null;
}

export interface RateLimit {
  freeAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const RELEASE_RATE_LIMIT: RateLimit = { freeAttempts: 5, baseDelayMs: 30_000, maxDelayMs: 3_600_000 };
export const NO_FAILURES: Failures = { count: 0, lastAt: null };

/** Epoch ms until which release codes are refused without being checked, or null when one may be tried now. */
export function lockedUntil(f: Failures, now: number, limit: RateLimit = RELEASE_RATE_LIMIT): number | null {
  if (f.count < limit.freeAttempts || f.lastAt === null) return null;
  const doublings = Math.min(f.count - limit.freeAttempts, 30);
  const until = f.lastAt + Math.min(limit.baseDelayMs * 2 ** doublings, limit.maxDelayMs);
  return until > now ? until : null;
}

export const recordFailure = (f: Failures, now: number): Failures => ({ count: f.count + 1, lastAt: now });
