import { parseArgs, type ParseArgsConfig } from 'node:util';
import { Lang } from '../../shared/localized';
import { UsageError } from './usage-error';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Strict option parsing: an unknown or malformed option is a usage error, never ignored. */
export function parse<O extends Options>(args: readonly string[], options: O, allowPositionals = 0) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: allowPositionals > 0 });
  } catch (e) {
    throw new UsageError('cli.error.bad-option', { option: e instanceof Error ? e.message : String(e) });
  }
  if (parsed.positionals.length > allowPositionals) {
    throw new UsageError('cli.error.bad-option', { option: parsed.positionals.slice(allowPositionals).join(' ') });
  }
  return parsed;
}

export const LANG_OPTION = { lang: { type: 'string' } } as const;

/** --lang ja|en; Japanese by default: Mamori is for Japanese government staff. */
export function langOf(value: string | undefined, fallback: Lang): Lang {
  if (value === undefined) return fallback;
  const lang = Lang.safeParse(value);
  if (!lang.success) throw new UsageError('cli.error.bad-option', { option: `--lang ${value}` });
  return lang.data;
}
