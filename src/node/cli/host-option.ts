import { BundleHost } from '../host/bundle-host';
import { readBundle } from '../host/bundle-file';
import type { Host } from '../host/host';
import { LiveHost } from '../host/live-host';
import { UsageError } from './usage-error';
import type { CheckId } from '../../shared/checks';
import type { Facts } from '../../shared/facts';
import { collectSafely, type Probe } from '../probes/probe';
import { probesFor } from '../probes/registry';

export const BUNDLE_OPTION = { bundle: { type: 'string' } } as const;

/** This PC, or with --bundle FILE a support bundle from another one: the same probes read either. */
export async function hostFor(bundleFile: string | undefined): Promise<Host> {
  if (bundleFile === undefined) return new LiveHost();
  const read = await readBundle(bundleFile);
  if (!read.ok) throw new UsageError('cli.error.bundle', { file: bundleFile, detail: read.detail });
  return new BundleHost(read.bundle);
}

/** One check's facts, from this PC or a support bundle: what the inventory commands print. */
export async function factsFor<K extends CheckId>(check: K, bundleFile: string | undefined): Promise<Facts[K]> {
  const host = await hostFor(bundleFile);
  return collectSafely((await probesFor(host.info.platform))[check] as Probe<K>, host);
}
