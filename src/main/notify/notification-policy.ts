import type { Finding, Severity } from '../../shared/findings';

/** How often Mamori may interrupt: the tray icon carries the state, notifications only the news. */
export interface NotificationLimits {
  /** The same finding (same id) is announced at most once in this time, however often it comes back. */
  readonly perFindingMs: number;
  /** At most this many notifications in any minute; the rest stay visible in the tray and the status window. */
  readonly perMinute: number;
}

export const NOTIFICATION_LIMITS: NotificationLimits = { perFindingMs: 60 * 60 * 1000, perMinute: 3 };

const MINUTE_MS = 60 * 1000;

/** What has been announced: the last time per finding id, and the times within the last minute. */
export interface NotificationHistory {
  readonly lastShown: ReadonlyMap<string, number>;
  readonly recent: readonly number[];
}

export const EMPTY_HISTORY: NotificationHistory = { lastShown: new Map(), recent: [] };

/** Most serious first, so that when the per-minute limit bites, reminders are what is left out. */
const RANK: Record<Severity, number> = { violation: 0, warning: 1, info: 2 };

/**
 * Which of the findings a cycle raised are announced now, and the history after announcing them.
 * Pure: the caller owns the clock and the history. Only raised (new) findings are ever passed in.
 */
export function selectNotifications(
  raised: readonly Finding[],
  history: NotificationHistory,
  now: number,
  limits: NotificationLimits = NOTIFICATION_LIMITS,
): { show: Finding[]; history: NotificationHistory } {
  // Forget what is outside both windows, so the history stays small on a PC that runs for months.
  const lastShown = new Map([...history.lastShown].filter(([, at]) => now - at < limits.perFindingMs));
  const recent = history.recent.filter((at) => now - at < MINUTE_MS);
  const show: Finding[] = [];
  for (const finding of [...raised].sort((a, b) => RANK[a.severity] - RANK[b.severity])) {
    if (lastShown.has(finding.id)) continue;
    if (recent.length >= limits.perMinute) break;
    show.push(finding);
    lastShown.set(finding.id, now);
    recent.push(now);
  }
  return { show, history: { lastShown, recent } };
}
