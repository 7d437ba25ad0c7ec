import { readFile } from 'node:fs/promises';
import { Bundle } from './bundle-format';
import { formatPath } from '../../shared/policy/parse';

/** Reads and validates a support bundle; a file that is not one is an error naming what is wrong. */
export async function readBundle(file: string): Promise<{ ok: true; bundle: Bundle } | { ok: false; detail: string }> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    return { ok: false, detail: e instanceof Error ? e.message : String(e) };
  }
  const parsed = Bundle.safeParse(json);
  if (parsed.success) return { ok: true, bundle: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, detail: `${formatPath(issue.path) || '$'}: ${issue.message}` };
}
