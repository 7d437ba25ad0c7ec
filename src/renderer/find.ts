import type { Finding } from '../shared/findings';
import type { GuidanceEntry } from '../shared/guidance/schema';
import type { Snapshot } from '../shared/ipc/contract';
import type { ViewContext } from './context';

export function findFinding(snapshot: Snapshot, id: string): Finding | undefined {
  return snapshot.checks.flatMap((c) => c.findings).find((f) => f.id === id);
}

/** The booklet sections a finding cites, in its order; ids the catalogue lacks are skipped. */
export function guidanceOf(ctx: ViewContext, finding: Finding): GuidanceEntry[] {
  return finding.guidance.flatMap((id) => ctx.guidance.get(id) ?? []);
}
