import type { Lang, LocalizedText } from '../localized';
import { en } from './en';
import { ja, type MessageKey } from './ja';

export type { MessageKey };
export type Params = Record<string, string | number>;

const catalogues: Record<Lang, Record<MessageKey, string>> = { ja, en };

/** The one way code turns a message key into text for people. Unknown placeholders stay visible. */
export function t(lang: Lang, key: MessageKey, params: Params = {}): string {
  return catalogues[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Human duration for lock timings: minutes when whole, else seconds. */
export function duration(lang: Lang, seconds: number | null): string {
  if (seconds === null) return t(lang, 'duration.never');
  return seconds % 60 === 0 && seconds > 0
    ? t(lang, 'duration.minutes', { n: seconds / 60 })
    : t(lang, 'duration.seconds', { n: seconds });
}

/** The same message in both languages, for text that travels inside findings and reports. */
export function localized(key: MessageKey, params: Params = {}): LocalizedText {
  return { ja: t('ja', key, params), en: t('en', key, params) };
}
