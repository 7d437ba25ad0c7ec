import { unknownText } from '../report';
import { BUNDLE_OPTION, factsFor } from '../host-option';
import { EXIT, type CliIO } from '../io';
import { LANG_OPTION, langOf, parse } from '../options';
import { UsageError } from '../usage-error';

/** mamori software list [--json] [--bundle FILE]: the installed software as the rules see it, to write allow lists. */
export async function software(args: readonly string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'list') throw new UsageError('cli.error.unknown-command', { command: `software ${sub ?? ''}`.trim() });
  const { values } = parse(rest, { json: { type: 'boolean' }, ...BUNDLE_OPTION, ...LANG_OPTION });
  const lang = langOf(values.lang, io.lang);
  const facts = await factsFor('software', values.bundle);
  if (facts.installed.state === 'unknown') {
    io.err(unknownText({ ...facts.installed, fact: 'software.installed' }, lang));
    return EXIT.error;
  }
  const list = [...facts.installed.value].sort((a, b) => a.name.localeCompare(b.name, 'ja'));
  if (values.json) io.out(JSON.stringify(list, null, 2));
  else for (const s of list) io.out([s.name, s.version ?? '', s.publisher ?? '', s.identifier ?? '', s.source].join('\t'));
  return EXIT.ok;
}
