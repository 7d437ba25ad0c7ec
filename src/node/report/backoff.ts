export interface BackoffOptions {
  /** First retry delay (default 1 s). */
  initialMs: number;
  /** Ceiling (default 10 min): an offline PC still retries often enough to report soon after it is back. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 1_000, maxMs: 10 * 60_000 };

/**
 * Delay before retry number `attempts` (1 = after the first failure): doubling, capped, with "equal jitter"
 * (half fixed, half random) so that many PCs coming back online together do not retry in lock-step, while
 * no retry comes sooner than half the nominal delay.
 */
export function backoffDelay(attempts: number, options: BackoffOptions, random: () => number): number {
  const nominal = Math.min(options.maxMs, options.initialMs * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
  return Math.round(nominal / 2 + random() * (nominal / 2));
}
