import type { Unknown } from '../../../shared/observed';
import { unknown } from '../../../shared/observed';
import type { CommandSpec } from '../../host/host';

/** Whether a read produced a reason instead of a value (values here never carry a `state: 'unknown'`). */
export const isUnknown = (v: unknown): v is Unknown =>
  typeof v === 'object' && v !== null && (v as { state?: unknown }).state === 'unknown';

/** The command as an administrator would type it, for details. */
export const commandLine = (spec: CommandSpec): string => [spec.file, ...spec.args].join(' ');

/** Output that is in no shape we know: unknown, saying what is wrong and, when given, the output's first non-blank line. */
export function unparseable(spec: CommandSpec, what: string, output?: string): Unknown {
  if (output === undefined) return unknown('unparseable-output', `${commandLine(spec)}: ${what}`);
  const first = output.split(/\r?\n/).find((l) => l.trim() !== '')?.trim().slice(0, 200) ?? '(empty)';
  return unknown('unparseable-output', `${commandLine(spec)}: ${what}: ${first}`);
}
