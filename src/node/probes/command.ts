import type { Unknown } from '../../shared/observed';
import { unknown } from '../../shared/observed';
import { decodeText } from '../host/decode';
import type { CommandOutput, CommandSpec, Host } from '../host/host';

export type CommandText = { ok: true; stdout: string; stderr: string; exitCode: number } | { ok: false; why: Unknown };

const firstLine = (s: string) => s.split(/\r?\n/).find((l) => l.trim() !== '')?.trim().slice(0, 300) ?? '';
// Matches what Windows prints in Japanese and English: parsing OS output, not text for users. i18n-exempt
const ACCESS_DENIED = /access is denied|アクセスが拒否|permission denied|not authorized|operation not permitted|disabled by group policy|無効になっています/i;

/** Why a command's output cannot be used, or null when it can. */
export function commandProblem(spec: CommandSpec, out: CommandOutput, okExitCodes: readonly number[] = [0]): Unknown | null {
  const name = spec.file;
  if (out.error === 'ENOENT') return unknown('command-missing', name);
  if (out.error === 'TIMEOUT') return unknown('command-timeout', name);
  if (out.error === 'EACCES' || out.error === 'EPERM') return unknown('access-denied', name);
  if (out.error !== undefined) return unknown('command-failed', `${name}: ${out.error}`);
  if (out.exitCode !== null && okExitCodes.includes(out.exitCode)) return null;
  const message = firstLine(decodeText(out.stderr)) || firstLine(decodeText(out.stdout));
  const detail = `${name} exit ${out.exitCode}${message ? `: ${message}` : ''}`;
  return ACCESS_DENIED.test(message) ? unknown('access-denied', detail) : unknown('command-failed', detail);
}

/** Runs a command and returns its decoded text, or why it cannot be used. */
export async function runText(host: Host, spec: CommandSpec, okExitCodes: readonly number[] = [0]): Promise<CommandText> {
  const out = await host.run(spec);
  const why = commandProblem(spec, out, okExitCodes);
  if (why) return { ok: false, why };
  return { ok: true, stdout: decodeText(out.stdout), stderr: decodeText(out.stderr), exitCode: out.exitCode ?? 0 };
}
