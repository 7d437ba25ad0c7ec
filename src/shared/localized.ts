import { z } from 'zod';

export const Lang = z.enum(['ja', 'en']);
export type Lang = z.infer<typeof Lang>;

/** Text for users: Japanese always, English optional (falls back to Japanese). */
export const LocalizedText = z.strictObject({
  ja: z.string().min(1).max(4000),
  en: z.string().min(1).max(4000).optional(),
});
export type LocalizedText = z.infer<typeof LocalizedText>;

export const pick = (text: LocalizedText, lang: Lang): string => (lang === 'en' ? (text.en ?? text.ja) : text.ja);
