import { CHECK_IDS } from '../../../shared/checks';
import { t } from '../../../shared/i18n';
import { pick } from '../../../shared/localized';
import { isolatesByDefault, phoneContact, REPORT_GUIDANCE, ReportKind } from '../../../shared/report';
import { guidanceEntry } from '../../../core/guidance';
import { Agent } from '../../agent/agent';
import { loadGuidance } from '../../guidance/catalogue';
import { LiveHost } from '../../host/live-host';
import { reportIncident } from '../../incident/flow';
import { requestIsolation } from '../../isolation/client';
import { createReporting } from '../../report';
import { probesFor } from '../../probes/registry';
import { mamoriVersion, userStateDir } from '../../resources/paths';
import { EXIT, type CliIO } from '../io';
import { LANG_OPTION, langOf, parse } from '../options';
import { policyFor } from '../policy-options';
import { renderContacts } from '../render-text';
import { UsageError } from '../usage-error';

/** How long the command waits for delivery before leaving the report to the agent's queue. */
const WAIT_FOR_DELIVERY_MS = 5_000;

/**
 * mamori report infection|suspicious-mail|lost-device|other [--note TEXT] [--no-isolate] [--json]:
 * the same durable pipeline as the tray's button. An infection report cuts the network unless --no-isolate.
 */
export async function report(args: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, { note: { type: 'string' }, 'no-isolate': { type: 'boolean' }, json: { type: 'boolean' }, policy: { type: 'string' }, ...LANG_OPTION }, 1);
  const lang = langOf(values.lang, io.lang);
  const kind = ReportKind.safeParse(positionals[0]);
  if (!kind.success) throw new UsageError('cli.error.bad-option', { option: positionals[0] ?? 'KIND' });
  const host = new LiveHost();
  const loaded = await policyFor(host.info.platform, values.policy);
  if (!('policy' in loaded)) throw new UsageError('cli.error.bad-option', { option: `--policy ${values.policy}` });
  const policy = loaded.policy;

  // The report describes the PC now: one quick cycle of the checks (Wi-Fi, processes, findings).
  const agent = new Agent(host, await probesFor(host.info.platform), loaded);
  const { results } = await agent.run(CHECK_IDS);
  // Not awaited here: a queue that cannot be opened makes the report "not persisted" (printed below), never "not isolated".
  const opening = createReporting({ stateDir: userStateDir(), channels: policy.reporting.channels });
  try {
    const outcome = await reportIncident(
      { kind: kind.data, note: values.note ?? '', isolationRequested: isolatesByDefault(kind.data) && !values['no-isolate'] },
      { host, policy, facts: agent.facts(), findings: results.flatMap((r) => r.findings), mamoriVersion: mamoriVersion() },
      { reporting: opening, isolate: (reason) => requestIsolation(reason, { host }) },
    );
    const reporting = outcome.persisted.ok ? await opening : null;
    const delivery = reporting ? await reporting.drain(WAIT_FOR_DELIVERY_MS) : null;
    if (values.json) {
      io.out(JSON.stringify({ report: outcome.persisted.ok ? { id: outcome.report.id, kind: outcome.report.kind } : outcome.report, persisted: outcome.persisted, delivery, isolation: outcome.isolation }, null, 2));
      return outcome.persisted.ok ? EXIT.ok : EXIT.error;
    }

    if (outcome.persisted.ok) {
      io.out(t(lang, 'report.persisted', { id: outcome.report.id, label: pick(outcome.report.classification.label, lang) }));
      const channels = (reporting?.status(outcome.report.id) ?? outcome.persisted.status).channels;
      if (channels.length === 0) io.out(t(lang, 'report.no-channel'));
      for (const c of channels) io.out(t(lang, c.state === 'delivered' ? 'report.delivered' : 'report.queued', { target: c.target }));
    } else {
      // Not saved: print it, so it is not lost with this process.
      io.err(t(lang, 'report.persist-failed', { code: outcome.persisted.code }));
      io.out(JSON.stringify(outcome.report, null, 2));
    }
    if (kind.data === 'infection') io.out(t(lang, 'report.keep-power-on'));
    if (outcome.isolation) {
      io.out(t(lang, outcome.isolation.code));
      if (outcome.isolation.reportChannelCut && outcome.isolation.code === 'isolation.isolated') io.out(t(lang, 'isolation.report-channel-cut'));
    }
    const undelivered = !outcome.persisted.ok || (delivery !== null && !delivery.complete) || policy.reporting.channels.length === 0;
    const csirt = phoneContact(policy.contacts)!;
    if (undelivered) io.out(t(lang, 'report.call-now', { name: pick(csirt.name, lang), phone: csirt.phone }));
    const guidance = guidanceEntry(loadGuidance(), policy, REPORT_GUIDANCE[kind.data]);
    if (guidance) {
      io.out(`\n${t(lang, 'cli.guidance', { id: guidance.id, title: pick(guidance.title, lang) })}`);
      io.out(`${t(lang, 'cli.what-to-do')}:`);
      for (const a of guidance.actions) io.out(`  ${t(lang, 'cli.bullet')}${pick(a, lang)}`);
    }
    io.out(renderContacts(lang, policy).join('\n'));
    return outcome.persisted.ok ? EXIT.ok : EXIT.error;
  } finally {
    await (await opening.catch(() => null))?.stop();
  }
}
