import { describe, expect, it } from 'vitest';
import { unknown } from '../../../src/shared/observed';
import { reportIncident } from '../../../src/node/incident/flow';
import { LiveHost } from '../../../src/node/host/live-host';
import type { IsolateResult } from '../../../src/node/isolation/client';
import { ReportingError, type Reporting } from '../../../src/node/report';
import { policyWith } from '../../support/policy';

const pullCable: IsolateResult = { code: 'isolation.pull-cable', via: 'none', reportChannelCut: false, helper: { kind: 'absent', detail: 'ENOENT' }, fallback: unknown('not-supported', 'test') };
const ctx = { host: new LiveHost(), policy: policyWith(), facts: {}, findings: [], mamoriVersion: '0.1.0' };
const request = { kind: 'infection' as const, note: 'メモ', isolationRequested: true };

/** A pipeline whose submit fails as given; drain must never be reached for a report that is not on disk. */
const failing = (error: unknown) => () => ({ submit: async () => Promise.reject(error), drain: async () => Promise.reject(new Error('drained an unsaved report')) }) as unknown as Reporting;

describe('the "disconnect and report" flow when the report cannot be saved', () => {
  it.each([
    // Still opening when the flow starts, and failing while the report is built.
    ['the queue could not be opened', () => new Promise<Reporting>((_, reject) => setTimeout(() => reject(new ReportingError('persist-failed', 'ENOTDIR')), 0)), { ok: false, code: 'persist-failed', detail: 'ENOTDIR' }],
    ['the disk is full', failing(new ReportingError('disk-full', 'ENOSPC')), { ok: false, code: 'disk-full', detail: 'ENOSPC' }],
    ['the pipeline has a bug', failing(new TypeError('x is undefined')), { ok: false, code: 'persist-failed', detail: 'TypeError' }],
  ])('%s: the network is cut all the same, and the outcome carries the report', async (_why, pipeline, persisted) => {
    const isolations: string[] = [];
    const outcome = await reportIncident(request, ctx, { reporting: pipeline(), isolate: async (reason) => (isolations.push(reason), pullCable) });
    expect(outcome.persisted).toEqual(persisted);
    expect(outcome.delivery).toBeNull();
    expect(outcome.report).toMatchObject({ kind: 'infection', note: 'メモ', isolationRequested: true });
    expect(isolations).toEqual([`report ${outcome.report.id} (infection)`]);
  });
});
