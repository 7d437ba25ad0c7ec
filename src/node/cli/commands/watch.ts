import { problemLine } from '../../../shared/policy/parse';
import { t } from '../../../shared/i18n';
import type { Lang } from '../../../shared/localized';
import { findingText } from '../../../shared/present/finding-text';
import type { CycleResult } from '../../agent/agent';
import { AgentService } from '../../agent/service';
import { loadGuidance } from '../../guidance/catalogue';
import { LiveHost } from '../../host/live-host';
import { noIsolation } from '../../incident/isolation-control';
import type { ChangeSource, ProbeSet } from '../../probes/probe';
import { probesFor } from '../../probes/registry';
import { usbHotplug } from '../../probes/usb-hotplug';
import type { LoadedPolicy } from '../../policy/loader';
import { EXIT, type CliIO } from '../io';
import { LANG_OPTION, langOf, parse } from '../options';
import { policyFor } from '../policy-options';
import { findingJson, policyJson } from '../report';

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

/** What a test may put in place of this PC's probes and change sources (the defaults are the live ones). */
export interface WatchDeps {
  probes?: ProbeSet;
  changeSources?: readonly ChangeSource[];
}

/**
 * mamori watch [--json] [--lang ja|en] [--policy FILE]: the background checks at the policy's intervals,
 * printing findings as they appear and clear (--json: one event object per line). It is the tray's
 * AgentService without windows: the same schedule, policy reload (every minute; a changed policy re-runs
 * every check) and reports, both queued ones and findings the policy marks `report` (warn-and-report).
 */
export async function watch(args: readonly string[], io: CliIO, stop: AbortSignal, deps: WatchDeps = {}): Promise<number> {
  const { values } = parse(args, { json: { type: 'boolean' }, policy: { type: 'string' }, ...LANG_OPTION });
  const lang = langOf(values.lang, io.lang);
  const json = values.json === true;
  const host = new LiveHost();
  const load = async (): Promise<LoadedPolicy | null> => {
    const loaded = await policyFor(host.info.platform, values.policy);
    for (const p of loaded.problems) io.err(problemLine(p, lang));
    return 'policy' in loaded ? loaded : null;
  };
  const first = await load();
  if (!first) return EXIT.error;

  const service: AgentService = await AgentService.create({
    host,
    probes: deps.probes ?? (await probesFor(host.info.platform)),
    initialPolicy: first,
    // At each reload the file again; a broken one keeps the current one in force.
    loadPolicy: async () => (await load()) ?? service.policy,
    guidance: loadGuidance,
    changeSources: deps.changeSources ?? [usbHotplug],
    isolation: noIsolation,
    lang,
  });
  service.onCycle((cycle) => printCycle(cycle, io, lang, json));
  if (json) io.out(JSON.stringify({ event: 'started', at: new Date().toISOString(), policy: policyJson(first, lang), host: host.info }));
  else io.out(t(lang, 'cli.watch.start'));
  service.start();

  await new Promise<void>((resolve) => stop.addEventListener('abort', () => resolve(), { once: true }));
  await service.stop();
  return EXIT.ok;
}
