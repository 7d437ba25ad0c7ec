import { GuidanceId } from '../../../shared/guidance/ids';
import { pick } from '../../../shared/localized';
import { t } from '../../../shared/i18n';
import { guidanceEntry } from '../../../core/guidance';
import { loadGuidance } from '../../guidance/catalogue';
import { LiveHost } from '../../host/live-host';
import { EXIT, type CliIO } from '../io';
import { LANG_OPTION, langOf, parse } from '../options';
import { policyFor } from '../policy-options';
import { UsageError } from '../usage-error';

/** mamori guidance [ID] [--json] [--lang ja|en]: the booklet entries, as this organisation shows them. */
export async function guidance(args: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' }, policy: { type: 'string' }, ...LANG_OPTION }, 1);
  const lang = langOf(values.lang, io.lang);
  const catalogue = loadGuidance();
  const loaded = await policyFor(new LiveHost().info.platform, values.policy);
  const policy = 'policy' in loaded ? loaded.policy : null;
  const ids = positionals[0] === undefined ? catalogue.entries.map((e) => e.id) : [positionals[0]];
  const entries = ids.map((raw) => {
    const id = GuidanceId.safeParse(raw);
    const entry = id.success ? guidanceEntry(catalogue, policy, id.data) : undefined;
    if (!entry) throw new UsageError('cli.error.unknown-guidance', { id: raw });
    return entry;
  });

  if (values.json) {
    io.out(JSON.stringify(positionals[0] === undefined ? entries : entries[0], null, 2));
    return EXIT.ok;
  }
  for (const e of entries) {
    if (positionals[0] === undefined) {
      io.out(`${e.id}  ${pick(e.title, lang)}`);
      continue;
    }
    io.out(`${e.id}  ${pick(e.title, lang)}\n\n${pick(e.summary, lang)}\n`);
    io.out(`${t(lang, 'cli.what-to-do')}:`);
    for (const a of e.actions) io.out(`  ${t(lang, 'cli.bullet')}${pick(a, lang)}`);
    if (e.clauses.length > 0) io.out(`\n${e.clauses.map((c) => `${t(lang, 'cli.clause', { ref: c.ref })} ${pick(c.title, lang)}`).join('\n')}`);
  }
  return EXIT.ok;
}
