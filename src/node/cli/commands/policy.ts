import { z } from 'zod';
import { Policy } from '../../../shared/policy/schema';
import { problemLine } from '../../../shared/policy/parse';
import { t } from '../../../shared/i18n';
import { readPolicyFile } from '../../policy/loader';
import { EXIT, type CliIO } from '../io';
import { LANG_OPTION, langOf, parse } from '../options';
import { UsageError } from '../usage-error';

/** The JSON Schema editors use, generated from the zod schema (the single source of truth). */
export const policyJsonSchema = () =>
  ({
    ...z.toJSONSchema(Policy, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://mamori.invalid/policy.schema.json',
    title: 'Mamori organisation policy',
  }) as const;

/** mamori policy validate FILE | mamori policy schema */
export async function policy(args: readonly string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'schema') {
    parse(rest, {});
    io.out(JSON.stringify(policyJsonSchema(), null, 2));
    return EXIT.ok;
  }
  if (sub === 'validate') {
    const { values, positionals } = parse(rest, { ...LANG_OPTION }, 1);
    const lang = langOf(values.lang, io.lang);
    const file = positionals[0];
    if (file === undefined) throw new UsageError('cli.error.bad-option', { option: 'FILE' });
    const read = await readPolicyFile(file, false);
    if (read.ok) {
      io.out(t(lang, 'cli.policy.valid', { file }));
      return EXIT.ok;
    }
    for (const p of read.problems) io.err(problemLine(p, lang));
    return EXIT.error;
  }
  throw new UsageError('cli.error.unknown-command', { command: `policy ${sub ?? ''}`.trim() });
}
