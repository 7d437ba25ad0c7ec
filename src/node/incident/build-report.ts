import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Facts } from '../../shared/facts';
import type { Finding } from '../../shared/findings';
import { localized } from '../../shared/i18n';
import type { Observed } from '../../shared/observed';
import { unknown } from '../../shared/observed';
import type { Policy } from '../../shared/policy/schema';
import { Report, type ReportKind } from '../../shared/report';
import type { Host } from '../host/host';
import { openConnections } from './connections';
import { networkInterfaces } from './network';

export interface ReportRequest {
  kind: ReportKind;
  note: string;
  isolationRequested: boolean;
}

export interface ReportContext {
  host: Host;
  policy: Policy;
  /** The facts of the agent's latest cycle: a report never waits for a full check. */
  facts: Readonly<Partial<Facts>>;
  findings: readonly Finding[];
  mamoriVersion: string;
  now?: Date;
  user?: string;
}

const notChecked = unknown('not-supported', 'not checked yet');
const fromFacts = <T>(value: Observed<T> | undefined): Observed<T> => value ?? notChecked;

/** Everything the CSIRT needs to start, gathered in well under a second, labelled with its classification. */
export async function buildReport(request: ReportRequest, ctx: ReportContext): Promise<Report> {
  const { info } = ctx.host;
  return Report.parse({
    id: randomUUID(),
    kind: request.kind,
    createdAt: (ctx.now ?? new Date()).toISOString(),
    classification: { label: localized('report.classification.label'), handling: localized('report.classification.handling') },
    organization: ctx.policy.organization.name,
    policyRevision: ctx.policy.revision,
    reporter: { user: ctx.user ?? os.userInfo().username, hostname: info.hostname, os: info.osVersion, mamoriVersion: ctx.mamoriVersion },
    network: networkInterfaces(),
    wifi: fromFacts(ctx.facts.wifi?.connections),
    processes: fromFacts(ctx.facts.software?.running),
    connections: await openConnections(ctx.host),
    findings: [...ctx.findings],
    note: request.note.slice(0, 4000),
    isolationRequested: request.isolationRequested,
  });
}
