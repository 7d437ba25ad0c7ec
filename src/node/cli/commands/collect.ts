import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CHECK_IDS } from '../../../shared/checks';
import { t } from '../../../shared/i18n';
import { LiveHost } from '../../host/live-host';
import { RecordingHost } from '../../host/recording-host';
import { BUNDLE_FORMAT, type Bundle } from '../../host/bundle-format';
import { collectSafely } from '../../probes/probe';
import { probesFor } from '../../probes/registry';
import { mamoriVersion } from '../../resources/paths';
import { EXIT, type CliIO } from '../io';
import { LANG_OPTION, langOf, parse } from '../options';

/** mamori collect [--out FILE]: every raw answer the probes get from this PC, as a support bundle. */
export async function collect(args: readonly string[], io: CliIO): Promise<number> {
  const { values } = parse(args, { out: { type: 'string' }, ...LANG_OPTION });
  const lang = langOf(values.lang, io.lang);
  const host = new RecordingHost(new LiveHost());
  const probes = await probesFor(host.info.platform);
  // One probe at a time, so the bundle reads in order.
  for (const id of CHECK_IDS) await collectSafely(probes[id] as never, host);
  const createdAt = new Date().toISOString();
  const bundle: Bundle = { format: BUNDLE_FORMAT, version: 1, createdAt, mamoriVersion: mamoriVersion(), host: host.info, records: host.records };
  const file = values.out ?? path.resolve(`mamori-bundle-${host.info.hostname}-${createdAt.replace(/[:.]/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify(bundle, null, 2)}\n`, { mode: 0o600 });
  io.out(t(lang, 'cli.collect.written', { file, n: bundle.records.length }));
  return EXIT.ok;
}
