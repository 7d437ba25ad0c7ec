import type { GuidanceEntry } from '../shared/guidance/schema';
import type { LocalizedText } from '../shared/localized';

/**
 * Booklet search: every word of the query must appear somewhere in a section (id, title, summary,
 * steps, clause refs and titles), in Japanese or English. NFKC folds full-width and half-width
 * forms (Ｕ＝U, ｳｲﾙｽ＝ウイルス), so people find a section however their input method typed it.
 */
const fold = (s: string): string => s.normalize('NFKC').toLowerCase();

const both = (t: LocalizedText): string[] => [t.ja, t.en ?? ''];

function haystack(e: GuidanceEntry): string {
  return fold(
    [e.id, ...both(e.title), ...both(e.summary), ...e.actions.flatMap(both), ...e.clauses.flatMap((c) => [c.ref, ...both(c.title)])].join('\n'),
  );
}

const cache = new WeakMap<GuidanceEntry, string>();

export function searchGuidance(entries: readonly GuidanceEntry[], query: string): GuidanceEntry[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...entries];
  return entries.filter((e) => {
    let text = cache.get(e);
    if (text === undefined) cache.set(e, (text = haystack(e)));
    return words.every((w) => text.includes(w));
  });
}
