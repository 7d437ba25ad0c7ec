import { readFile } from 'node:fs/promises';
import { loadPolicy, type PolicyFiles } from '../policy/loader';
import { unprotectedReason } from '../policy/protection';
import { IsolationSettings, NO_ISOLATION_SETTINGS, settingsInPolicy, type IsolationInputs } from './settings';

export const DEFAULT_ISOLATION_SETTINGS_FILE = '/etc/mamori/isolation.json';

export interface InputFiles extends PolicyFiles {
  /** Isolation settings until the policy schema carries `reporting.isolation`. */
  settingsFile: string;
}

/**
 * What the helper isolates with, read by the helper itself (it is root): the machine policy through
 * the agent's loader (protected file, last good copy, shipped default) and the isolation settings.
 * Nothing comes from the requesting client. A settings file that is unprotected or invalid is not
 * used, and the problem is reported: isolation then keeps only the reporting channels.
 */
export async function readIsolationInputs(files: InputFiles): Promise<IsolationInputs> {
  const loaded = await loadPolicy(files);
  const problems = loaded.problems.map((p) => `${p.file}${p.path ? ` ${p.path}` : ''}: ${p.message.en}`);
  const source = `${loaded.source.file} (${loaded.source.kind}, revision ${loaded.policy.revision})`;
  const channels = loaded.policy.reporting.channels;
  try {
    const inPolicy = settingsInPolicy(loaded.policy);
    if (inPolicy) return { channels, settings: inPolicy, source, problems };
  } catch (e) {
    problems.push(`reporting.isolation: ${String(e).slice(0, 500)}`);
  }
  let bytes: string;
  try {
    bytes = await readFile(files.settingsFile, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') problems.push(`${files.settingsFile}: ${code ?? String(e)}`);
    return { channels, settings: NO_ISOLATION_SETTINGS, source, problems };
  }
  if (files.requireProtected) {
    const why = await unprotectedReason(files.settingsFile).catch((e: unknown) => String(e));
    if (why) {
      problems.push(`${files.settingsFile}: ${why}`);
      return { channels, settings: NO_ISOLATION_SETTINGS, source, problems };
    }
  }
  try {
    const parsed = IsolationSettings.safeParse(JSON.parse(bytes));
    if (parsed.success) return { channels, settings: parsed.data, source: `${source}; ${files.settingsFile}`, problems };
    problems.push(`${files.settingsFile}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ').slice(0, 500)}`);
  } catch {
    problems.push(`${files.settingsFile}: not JSON`);
  }
  return { channels, settings: NO_ISOLATION_SETTINGS, source, problems };
}
