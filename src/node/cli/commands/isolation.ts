import { t } from '../../../shared/i18n';
import { ReleaseCode, releaseText, statusKey } from '../../../shared/isolation';
import type { Lang } from '../../../shared/localized';
import { helperStatus, isolationView, releaseWithCode } from '../../incident/isolation-control';
import type { ClientOptions } from '../../isolation/client';
import { EXIT, type CliIO } from '../io';
import { LANG_OPTION, langOf, parse } from '../options';
import { UsageError } from '../usage-error';

/**
 * mamori isolation status [--json] | mamori isolation release [--json]: staff's side of network
 * isolation, through the privileged helper (which checks the code, slows down wrong ones and audits
 * every attempt). The release code is read from standard input, never from the command line.
 * `--socket PATH` names another helper socket (tests, unusual installs).
 *
 * Exit codes, for scripts:
 *   status   0 not isolated, 1 isolated, 2 cannot tell (no helper, or it refused us)
 *   release  0 released, 1 refused (wrong code, too many, not isolated, administrator only), 2 could not ask, or failed
 */
export async function isolation(args: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' }, socket: { type: 'string' }, ...LANG_OPTION }, 1);
  const lang = langOf(values.lang, io.lang);
  const client: ClientOptions = values.socket === undefined ? {} : { socketPath: values.socket };
  const json = values.json === true;
  switch (positionals[0]) {
    case 'status':
      return status(io, lang, client, json);
    case 'release':
      return release(io, lang, client, json);
    default:
      throw new UsageError('cli.error.bad-option', { option: positionals[0] ?? 'status|release' });
  }
}

async function status(io: CliIO, lang: Lang, client: ClientOptions, json: boolean): Promise<number> {
  const answer = await helperStatus(client);
  const view = isolationView(answer);
  if (json) io.out(JSON.stringify(answer.ok ? { helper: 'available', ...answer.status } : { helper: 'unavailable', detail: answer.detail }, null, 2));
  else {
    io.out(t(lang, statusKey(view)));
    if (view.helper === 'available' && view.isolated) io.out(t(lang, view.releasableWithCode ? 'cli.isolation.how-to-release' : 'isolation.status.admin-only'));
  }
  return view.helper === 'unavailable' ? EXIT.error : view.isolated ? EXIT.findings : EXIT.ok;
}

async function release(io: CliIO, lang: Lang, client: ClientOptions, json: boolean): Promise<number> {
  const typed = await io.readSecret(t(lang, 'cli.isolation.prompt'));
  const code = ReleaseCode.safeParse(typed);
  if (!code.success || typed.trim() === '') {
    io.err(t(lang, 'cli.isolation.no-code'));
    return EXIT.error;
  }
  const answer = await releaseWithCode(code.data, client);
  if (json) io.out(JSON.stringify(answer, null, 2));
  else (answer.result === 'released' ? io.out : io.err)(releaseText(lang, answer));
  switch (answer.result) {
    case 'released':
      return EXIT.ok;
    case 'helper-unavailable':
    case 'failed':
      return EXIT.error;
    default:
      return EXIT.findings;
  }
}
