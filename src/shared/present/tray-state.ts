import type { CheckResult } from '../findings';

/** What the tray icon shows: quiet while all is well, the failing state on the icon itself when not. */
export type TrayState = 'compliant' | 'warning' | 'violation' | 'unknown';

/** The worst state among the checks: a violation beats a warning beats "could not check". */
export function trayState(results: readonly CheckResult[]): TrayState {
  const severities = new Set(results.flatMap((r) => r.findings.map((f) => f.severity)));
  if (severities.has('violation')) return 'violation';
  if (severities.has('warning')) return 'warning';
  if (results.length === 0 || results.some((r) => r.status === 'unknown')) return 'unknown';
  return 'compliant';
}
