import type { Unknown } from '../../../shared/observed';
import { unknown } from '../../../shared/observed';
import { decodeText } from '../../host/decode';
import type { Host } from '../../host/host';
import { commandProblem } from '../command';
import type { RegKey } from './parse/reg-query';
import { parseRegQuery } from './parse/reg-query';
import { systemTool } from './system-tool';

export type RegRead = { ok: true; keys: RegKey[] } | { ok: false; why: Unknown };

/**
 * What reg.exe prints (stderr, exit 1) when the key or value does not exist: "not set", not a failure.
 * English and Japanese only; any other wording stays a failure (unknown), never a silent "not set".
 * ja-JP text as quoted from real consoles in public Japanese notes (with and without the final 。).
 */
// Parsing OS output, not text for users. i18n-exempt
const NOT_FOUND = /unable to find the specified registry key or value|指定されたレジストリ キーまたは値が見つかりませんでした/;

/** `reg query KEY [/s]`: the keys and values, an empty list when the key does not exist, or why it could not be read. */
export async function regQuery(host: Host, key: string, options: { recursive?: boolean; timeoutMs?: number } = {}): Promise<RegRead> {
  const spec = { file: await systemTool(host, 'reg.exe'), args: ['query', key, ...(options.recursive ? ['/s'] : [])], timeoutMs: options.timeoutMs };
  const out = await host.run(spec);
  if (out.error === undefined && out.exitCode === 1 && NOT_FOUND.test(decodeText(out.stderr))) return { ok: true, keys: [] };
  const why = commandProblem(spec, out);
  if (why) return { ok: false, why: { ...why, detail: `reg query ${key}: ${why.detail ?? ''}`.slice(0, 2000) } };
  const parsed = parseRegQuery(decodeText(out.stdout));
  if (!parsed.ok) return { ok: false, why: unknown('unparseable-output', `reg query ${key}: line ${parsed.line}: ${parsed.text}`) };
  // An existing key always prints its own path: success with no key line is cut or foreign output.
  if (parsed.keys.length === 0) return { ok: false, why: unknown('unparseable-output', `reg query ${key}: no key in the output`) };
  return { ok: true, keys: parsed.keys };
}

/** The values of exactly this key (not its subkeys), empty when the key does not exist. */
export function valuesOf(keys: readonly RegKey[], key: string): RegKey['values'] {
  return keys.find((k) => k.path.toUpperCase() === expandHive(key).toUpperCase())?.values ?? new Map();
}

const HIVES: Record<string, string> = { HKLM: 'HKEY_LOCAL_MACHINE', HKCU: 'HKEY_CURRENT_USER', HKU: 'HKEY_USERS', HKCR: 'HKEY_CLASSES_ROOT' };

/** reg.exe prints full hive names whatever abbreviation it was given. */
export function expandHive(key: string): string {
  const [hive, ...rest] = key.split('\\');
  return [HIVES[hive!.toUpperCase()] ?? hive!, ...rest].join('\\');
}
