import type { GuidanceCatalogue, GuidanceEntry } from '../shared/guidance/schema';
import type { GuidanceId } from '../shared/guidance/ids';
import type { Policy } from '../shared/policy/schema';

/**
 * A booklet entry as this organisation shows it: the organisation may replace the title, summary
 * or actions, and add its own steps after ours (e.g. where its lending log is kept).
 */
export function guidanceEntry(catalogue: GuidanceCatalogue, policy: Policy | null, id: GuidanceId): GuidanceEntry | undefined {
  const base = catalogue.entries.find((e) => e.id === id);
  if (!base) return undefined;
  const o = policy?.guidanceOverrides[id];
  if (!o) return base;
  return {
    ...base,
    title: o.title ?? base.title,
    summary: o.summary ?? base.summary,
    actions: [...(o.actions ?? base.actions), ...(o.extraActions ?? [])],
  };
}
