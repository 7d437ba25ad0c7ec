import type { Report } from '../../shared/report';
import type { IsolateResult } from '../isolation/client';
import type { DrainResult, Reporting, ReportStatus } from '../report';
import { ReportingError } from '../report';
import type { ReportContext, ReportRequest } from './build-report';
import { buildReport } from './build-report';

/** How long the report may go out over the still-open network before the PC is cut off (booklet 4章-5: at once). */
export const DELIVERY_BEFORE_ISOLATION_MS = 1000;

export type IncidentOutcome = {
  report: Report;
  /** Persisted (atomic, fsynced) and queued; or why not — then the report is in `report` and must not be lost. */
  persisted: { ok: true; status: ReportStatus } | { ok: false; code: ReportingError['code']; detail?: string };
  delivery: DrainResult | null;
  isolation: IsolateResult | null;
};

export interface IncidentDeps {
  /**
   * The report pipeline, or its opening. A queue that cannot be opened (disk full, a broken state
   * folder) makes this report "not persisted"; it never stops the network from being cut.
   */
  reporting: Reporting | Promise<Reporting>;
  isolate: (reason: string) => Promise<IsolateResult>;
  deliveryWaitMs?: number;
}

/**
 * One press of "disconnect and report": snapshot, persist first, send while the network still
 * works (briefly), then isolate. Nothing here may lose the report: if it cannot be persisted, the
 * outcome carries it so the caller shows and keeps it; and the network is cut whatever happened
 * to the report.
 */
export async function reportIncident(request: ReportRequest, ctx: ReportContext, deps: IncidentDeps): Promise<IncidentOutcome> {
  // The pipeline may fail to open while the report is being built: that is handled in persist(), not "unhandled".
  Promise.resolve(deps.reporting).catch(() => undefined);
  const report = await buildReport(request, ctx);
  const persisted = await persist(report, deps.reporting);
  const delivery = persisted.ok ? await (await deps.reporting).drain(deps.deliveryWaitMs ?? DELIVERY_BEFORE_ISOLATION_MS) : null;
  const isolation = request.isolationRequested ? await deps.isolate(`report ${report.id} (${report.kind})`) : null;
  return { report, persisted, delivery, isolation };
}

async function persist(report: Report, reporting: IncidentDeps['reporting']): Promise<IncidentOutcome['persisted']> {
  try {
    return { ok: true, status: await (await reporting).submit(report) };
  } catch (e) {
    // Anything else is a bug, but still means "not on disk": say so rather than throw past the isolation.
    const failure = e instanceof ReportingError ? e : new ReportingError('persist-failed', e instanceof Error ? e.name : 'unknown');
    return { ok: false, code: failure.code, ...(failure.detail !== undefined && { detail: failure.detail }) };
  }
}
