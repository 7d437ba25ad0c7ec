import { loadPolicy, type PolicyFiles } from '../policy/loader';
import { NO_ISOLATION_SETTINGS, settingsInPolicy, type IsolationInputs } from './settings';

/** The files the helper reads: the machine policy, its last good copy and the shipped default. */
export type InputFiles = PolicyFiles;

/**
 * What the helper isolates with, read by the helper itself (it is root): the machine policy through
 * the agent's loader (protected file, signatures, last good copy, shipped default), its reporting
 * channels and `reporting.isolation`. Nothing comes from the requesting client. A policy without
 * `reporting.isolation` keeps only the reporting channels reachable and has no release code.
 */
export async function readIsolationInputs(files: InputFiles): Promise<IsolationInputs> {
  const loaded = await loadPolicy(files);
  const problems = loaded.problems.map((p) => `${p.file}${p.path ? ` ${p.path}` : ''}: ${p.message.en}`);
  const source = `${loaded.source.file} (${loaded.source.kind}, revision ${loaded.policy.revision})`;
  const channels = loaded.policy.reporting.channels;
  const settings = settingsInPolicy(loaded.policy) ?? NO_ISOLATION_SETTINGS;
  return { channels, settings, source, problems };
}
