import type { Unknown } from '../../../shared/observed';
import { unknown } from '../../../shared/observed';
import type { CommandSpec, Host } from '../../host/host';
import { runText } from '../command';

/** One data type of `system_profiler <DataType> -json`: its entries, absent from the output, or why it cannot be read. */
export type DataTypeRead = { state: 'read'; entries: unknown[] } | { state: 'absent' } | { state: 'failed'; why: Unknown };

const dataTypeOf = (spec: CommandSpec): string => spec.args[0] ?? '';

/**
 * Runs system_profiler for the data type that is the command's first argument. "absent" means
 * the output is a JSON object without that data type: what a macOS that does not know the type
 * would answer (SPUSBHostDataType before macOS 26), kept apart from a failure so callers can choose.
 */
export async function readDataType(host: Host, spec: CommandSpec): Promise<DataTypeRead> {
  const run = await runText(host, spec);
  if (!run.ok) return { state: 'failed', why: run.why };
  const type = dataTypeOf(spec);
  let report: unknown;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    return { state: 'failed', why: unknown('unparseable-output', `system_profiler ${type}: not JSON (${run.stdout.length} characters)`) };
  }
  if (typeof report !== 'object' || report === null || Array.isArray(report)) {
    return { state: 'failed', why: unknown('unparseable-output', `system_profiler ${type}: not a JSON object`) };
  }
  if (!Object.hasOwn(report, type)) return { state: 'absent' };
  const entries = (report as Record<string, unknown>)[type];
  if (!Array.isArray(entries)) return { state: 'failed', why: unknown('unparseable-output', `system_profiler ${type}: not a list`) };
  return { state: 'read', entries };
}

/** The entries, or why not, for callers to whom a missing data type is just unexpected output. */
export async function readDataTypeEntries(host: Host, spec: CommandSpec): Promise<unknown[] | Unknown> {
  const read = await readDataType(host, spec);
  if (read.state === 'read') return read.entries;
  return read.state === 'failed' ? read.why : unknown('unparseable-output', `system_profiler ${dataTypeOf(spec)}: not in the output`);
}
