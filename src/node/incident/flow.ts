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
  reporting: Reporting;
  isolate: (reason: string) => Promise<IsolateResult>;
  deliveryWaitMs?: number;
}

/**
 * One press of "disconnect and report": snapshot, persist first, send while the network still
 * works (briefly), then isolate. Nothing here may lose the report: if it cannot be persisted, the
 * outcome carries it so the caller shows and keeps it.
 */
export async function reportIncident(request: ReportRequest, ctx: ReportContext, deps: IncidentDeps): Promise<IncidentOutcome> {
  const report = await buildReport(request, ctx);
  let persisted: IncidentOutcome['persisted'];
  try {
    persisted = { ok: true, status: await deps.reporting.submit(report) };
  } catch (e) {
    if (!(e instanceof ReportingError)) throw e;
    persisted = { ok: false, code: e.code, ...(e.detail !== undefined && { detail: e.detail }) };
  }
  const delivery = persisted.ok ? await deps.reporting.drain(deps.deliveryWaitMs ?? DELIVERY_BEFORE_ISOLATION_MS) : null;
  const isolation = request.isolationRequested ? await deps.isolate(`report ${report.id} (${report.kind})`) : null;
  return { report, persisted, delivery, isolation };
}
