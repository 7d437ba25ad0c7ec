import { problemLine } from '../../../shared/policy/parse';
import { t } from '../../../shared/i18n';
import type { Lang } from '../../../shared/localized';
import { findingText } from '../../../shared/present/finding-text';
import type { CycleResult } from '../../agent/agent';
import { Agent } from '../../agent/agent';
import { Scheduler } from '../../agent/scheduler';
import { LiveHost } from '../../host/live-host';
import { probesFor } from '../../probes/registry';
import { usbHotplug } from '../../probes/usb-hotplug';
import type { LoadedPolicy } from '../../policy/loader';
import { EXIT, type CliIO } from '../io';
import { LANG_OPTION, langOf, parse } from '../options';
import { policyFor } from '../policy-options';
import { findingJson, policyJson } from '../report';
import type { Reporting } from '../../report';
import { hasPendingReports } from '../../report/queue';
import { userStateDir } from '../../resources/paths';

const POLICY_RELOAD_MS = 60_000;

function printCycle(cycle: CycleResult, io: CliIO, lang: Lang, json: boolean): void {
  const now = new Date().toISOString();
  if (json) {
    for (const f of cycle.raised) io.out(JSON.stringify({ event: 'raised', at: now, finding: findingJson(f, lang) }));
    for (const f of cycle.cleared) io.out(JSON.stringify({ event: 'cleared', at: now, finding: findingJson(f, lang) }));
    for (const r of cycle.results) io.out(JSON.stringify({ event: 'checked', at: now, check: r.id, status: r.status, unknowns: r.unknowns }));
    return;
  }
  for (const f of cycle.raised) io.out(`${now} ${t(lang, 'cli.watch.raised')} [${t(lang, `severity.${f.severity}`)}] ${findingText(f, lang)} (${f.guidance.join(', ')})`);
  for (const f of cycle.cleared) io.out(`${now} ${t(lang, 'cli.watch.cleared')} ${findingText(f, lang)}`);
}

/**
 * mamori watch [--json] [--lang ja|en] [--policy FILE]: the background checks at the policy's intervals,
 * printing findings as they appear and clear (--json: one event object per line).
 */
export async function watch(args: readonly string[], io: CliIO, stop: AbortSignal): Promise<number> {
  const { values } = parse(args, { json: { type: 'boolean' }, policy: { type: 'string' }, ...LANG_OPTION });
  const lang = langOf(values.lang, io.lang);
  const json = values.json === true;
  const host = new LiveHost();
  const load = async (): Promise<LoadedPolicy | null> => {
    const loaded = await policyFor(host.info.platform, values.policy);
    if ('policy' in loaded) {
      for (const p of loaded.problems) io.err(problemLine(p, lang));
      return loaded;
    }
    for (const p of loaded.problems) io.err(problemLine(p, lang));
    return null;
  };
  const first = await load();
  if (!first) return EXIT.error;

  const agent = new Agent(host, await probesFor(host.info.platform), first);
  agent.onCycle((cycle) => printCycle(cycle, io, lang, json));
  const scheduler = new Scheduler((id) => agent.run([id]), () => agent.policy.policy.intervals, [usbHotplug]);
  if (json) io.out(JSON.stringify({ event: 'started', at: new Date().toISOString(), policy: policyJson(first, lang), host: host.info }));
  else io.out(t(lang, 'cli.watch.start'));
  scheduler.start();
  // Reports queued earlier (by mamori report, or before a crash) go out while the watcher runs. The
  // delivery pipeline (TLS, SMTP) is loaded only when something waits, and looked for again each minute.
  const stateDir = userStateDir();
  let reporting: Reporting | undefined;
  const deliverPending = async () => {
    if (reporting || !(await hasPendingReports(stateDir))) return;
    const { createReporting } = await import('../../report/index.js');
    reporting = await createReporting({ stateDir, channels: agent.policy.policy.reporting.channels });
  };
  await deliverPending();

  // A policy replaced on disk applies without a restart; a broken one keeps the current one in force.
  const reload = setInterval(async () => {
    await deliverPending();
    const next = await load();
    if (next && JSON.stringify(next.policy) !== JSON.stringify(agent.policy.policy)) agent.setPolicy(next);
  }, POLICY_RELOAD_MS);

  await new Promise<void>((resolve) => stop.addEventListener('abort', () => resolve(), { once: true }));
  clearInterval(reload);
  scheduler.stop();
  await reporting?.stop();
  return EXIT.ok;
}
