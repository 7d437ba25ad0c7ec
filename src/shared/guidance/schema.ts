import { z } from 'zod';
import { CheckId } from '../checks';
import { LocalizedText } from '../localized';
import { GuidanceId } from './ids';

/** A clause of the 統一基準 (令和5年度版) that a booklet section cites, e.g. "8.1.1(3)(f)". */
export const Clause = z.strictObject({
  ref: z.string().regex(/^[0-9]+\.[0-9]+\.[0-9]+(\([0-9]+\)(\([a-z]\))*)?$/, 'e.g. 8.1.1(3)(f) or 7.2.4'),
  title: LocalizedText,
});

/** One booklet section, in our own words. */
export const GuidanceEntry = z.strictObject({
  id: GuidanceId,
  title: LocalizedText,
  summary: LocalizedText,
  actions: z.array(LocalizedText).min(1),
  clauses: z.array(Clause),
  checks: z.array(CheckId),
});
export type GuidanceEntry = z.infer<typeof GuidanceEntry>;

export const GuidanceCatalogue = z.strictObject({
  $schema: z.string().optional(),
  source: z.string(),
  entries: z.array(GuidanceEntry),
});
export type GuidanceCatalogue = z.infer<typeof GuidanceCatalogue>;
