import { z } from 'zod';
import type { LocalizedText } from '../localized';
import { t, type MessageKey } from '../i18n';
import { ja as jaCatalogue } from '../i18n/ja';
import { Policy } from './schema';

/** One problem in a policy file: which file, which field, and what was expected, in both languages. */
export interface PolicyProblem {
  file: string;
  /** JSON path of the field, e.g. usb.approved[2].vendorId; "$" for the top-level value; empty when the file itself is unusable. */
  path: string;
  message: LocalizedText;
}

export type PolicyParse = { ok: true; policy: Policy } | { ok: false; problems: PolicyProblem[] };

/** Policies are small; a bigger file is a mistake (or an attack on the agent's memory). */
export const MAX_POLICY_BYTES = 16 * 1024 * 1024;

const ja = z.locales.ja();
const en = z.locales.en();

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}

const isMessageKey = (s: string): s is MessageKey => Object.hasOwn(jaCatalogue, s);

/** The schema's own message (a catalogue key) where it gives one, else zod's Japanese and English messages. */
function issueText(issue: z.core.$ZodIssue): LocalizedText {
  if (isMessageKey(issue.message)) return { ja: t('ja', issue.message), en: t('en', issue.message) };
  const english = en.localeError(issue as never);
  const enText = typeof english === 'string' ? english : english?.message;
  const japanese = ja.localeError(issue as never);
  return { ja: (typeof japanese === 'string' ? japanese : japanese?.message) ?? issue.message, en: enText ?? issue.message };
}

const whole = (file: string, key: Parameters<typeof t>[1], params: Record<string, string | number> = {}): PolicyProblem => ({
  file,
  path: '',
  message: { ja: t('ja', key, { file, ...params }), en: t('en', key, { file, ...params }) },
});

/** Bytes of a policy file → a policy, or every problem found, each with the file and field. */
export function parsePolicy(bytes: Uint8Array, file: string): PolicyParse {
  if (bytes.byteLength > MAX_POLICY_BYTES) return { ok: false, problems: [whole(file, 'policy.error.too-large', { limit: MAX_POLICY_BYTES })] };
  let text: string;
  try {
    // Notepad on Windows saves with a BOM; accept it rather than reject a valid policy.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { ok: false, problems: [whole(file, 'policy.error.encoding')] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [whole(file, 'policy.error.json', { detail: e instanceof Error ? e.message : String(e) })] };
  }
  const result = Policy.safeParse(json, { reportInput: true });
  if (result.success) return { ok: true, policy: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => ({ file, path: formatPath(issue.path) || '$', message: issueText(issue) })),
  };
}

/** One line per problem, for logs and the CLI. */
export function problemLine(p: PolicyProblem, lang: 'ja' | 'en'): string {
  if (p.path === '') return lang === 'en' ? (p.message.en ?? p.message.ja) : p.message.ja;
  return t(lang, 'policy.error.field', { file: p.file, path: p.path, message: lang === 'en' ? (p.message.en ?? p.message.ja) : p.message.ja });
}
