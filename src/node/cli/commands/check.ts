import { CHECK_IDS } from '../../../shared/checks';
import { problemLine } from '../../../shared/policy/parse';
import { t } from '../../../shared/i18n';
import { pick } from '../../../shared/localized';
import { Agent } from '../../agent/agent';
import { BUNDLE_OPTION, hostFor } from '../host-option';
import { probesFor } from '../../probes/registry';
import { loadGuidance } from '../../guidance/catalogue';
import { EXIT, type CliIO } from '../io';
import { LANG_OPTION, langOf, parse } from '../options';
import { policyFor } from '../policy-options';
import { checkJson } from '../report';
import { renderResults } from '../render-text';

/**
 * mamori check [--json] [--lang ja|en] [--policy FILE] [--bundle FILE]: every check once, on this PC or
 * on a support bundle from another. Exit 0 all pass, 1 otherwise, 2 error.
 */
export async function check(args: readonly string[], io: CliIO): Promise<number> {
  const { values } = parse(args, { json: { type: 'boolean' }, policy: { type: 'string' }, ...BUNDLE_OPTION, ...LANG_OPTION });
  const lang = langOf(values.lang, io.lang);
  const host = await hostFor(values.bundle);
  const loaded = await policyFor(host.info.platform, values.policy);
  if (!('policy' in loaded)) {
    for (const p of loaded.problems) io.err(problemLine(p, lang));
    return EXIT.error;
  }
  for (const p of loaded.problems) io.err(problemLine(p, lang));
  const agent = new Agent(host, await probesFor(host.info.platform), loaded);
  const { results } = await agent.run(CHECK_IDS);

  if (values.json) {
    io.out(JSON.stringify(checkJson(results, loaded, lang, host.info), null, 2));
  } else {
    const source = loaded.source.kind === 'default' ? t(lang, 'policy.source.default') : loaded.source.file;
    io.out(`${t(lang, 'app.name')} — ${pick(loaded.policy.organization.name, lang)} (${t(lang, 'cli.policy.source', { source })})\n`);
    io.out(renderResults(results, lang, loadGuidance(), loaded.policy));
  }
  return results.every((r) => r.status === 'pass') ? EXIT.ok : EXIT.findings;
}
