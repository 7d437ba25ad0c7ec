import type { Lang } from '../shared/localized';

const LOCALES: Record<Lang, string> = { ja: 'ja-JP', en: 'en-GB' };

/** A timestamp as people in that language write it, in the PC's own time zone. */
export function formatTime(lang: Lang, iso: string): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));
}
