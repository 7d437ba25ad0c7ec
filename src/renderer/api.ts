import { z } from 'zod';
import { GuidanceEntry } from '../shared/guidance/schema';
import { ReportReceipt, ReportStatusEvent, Snapshot, type MamoriApi } from '../shared/ipc/contract';
import { IsolationView, ReleaseResult } from '../shared/isolation';

/**
 * window.mamori, checked. The preload is trusted code but the data behind it is not (policy files,
 * device strings, SSIDs): every value is parsed with the shared contract's schemas before any view
 * sees it, and a value that does not fit becomes an error the window shows instead of a guess.
 */

declare global {
  interface Window {
    /** Typed unknown on purpose: only connect() may turn it into an API. */
    readonly mamori?: unknown;
  }
}

export type BridgeErrorCode = 'bridge-missing' | 'invalid-data' | 'call-failed';

export class BridgeError extends Error {
  constructor(
    readonly code: BridgeErrorCode,
    options?: { cause?: unknown },
  ) {
    super(code, options);
  }
}

/** window.mamori's calls as the contract types them; the subscriptions also report data that does not fit. */
export interface Bridge extends Omit<MamoriApi, 'onSnapshot' | 'onReportStatus'> {
  /** Valid snapshots go to the listener, anything else to onInvalid; returns the unsubscribe function. */
  onSnapshot(listener: (snapshot: Snapshot) => void, onInvalid: (error: BridgeError) => void): () => void;
  /** As onSnapshot, for a report's delivery progress. */
  onReportStatus(listener: (status: ReportStatusEvent) => void, onInvalid: (error: BridgeError) => void): () => void;
}

const METHODS = ['getSnapshot', 'recheck', 'getGuidance', 'setLanguage', 'contact', 'report', 'isolationStatus', 'releaseIsolation', 'onSnapshot', 'onReportStatus'] as const satisfies readonly (keyof MamoriApi)[];
const GuidanceList = z.array(GuidanceEntry);

function isApi(candidate: unknown): candidate is MamoriApi {
  return typeof candidate === 'object' && candidate !== null && METHODS.every((m) => typeof (candidate as Record<string, unknown>)[m] === 'function');
}

async function call<S extends z.ZodType>(schema: S, run: () => Promise<unknown>): Promise<z.output<S>> {
  let raw: unknown;
  try {
    raw = await run();
  } catch (cause) {
    throw new BridgeError('call-failed', { cause });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new BridgeError('invalid-data', { cause: parsed.error });
  return parsed.data;
}

/** Valid payloads to the listener, anything else to onInvalid. */
function checked<S extends z.ZodType>(schema: S, listener: (value: z.output<S>) => void, onInvalid: (error: BridgeError) => void) {
  return (payload: unknown) => {
    const parsed = schema.safeParse(payload);
    if (parsed.success) listener(parsed.data);
    else onInvalid(new BridgeError('invalid-data', { cause: parsed.error }));
  };
}

export function connect(candidate: unknown): Bridge {
  if (!isApi(candidate)) throw new BridgeError('bridge-missing');
  const api = candidate;
  return {
    getSnapshot: () => call(Snapshot, () => api.getSnapshot()),
    recheck: (request) => call(Snapshot, () => api.recheck(request)),
    getGuidance: (request) => call(GuidanceList, () => api.getGuidance(request)),
    setLanguage: (request) => call(Snapshot, () => api.setLanguage(request)),
    contact: (request) => call(z.null(), () => api.contact(request)),
    report: (request) => call(ReportReceipt, () => api.report(request)),
    isolationStatus: () => call(IsolationView, () => api.isolationStatus()),
    releaseIsolation: (request) => call(ReleaseResult, () => api.releaseIsolation(request)),
    onSnapshot: (listener, onInvalid) => api.onSnapshot(checked(Snapshot, listener, onInvalid)),
    onReportStatus: (listener, onInvalid) => api.onReportStatus(checked(ReportStatusEvent, listener, onInvalid)),
  };
}
