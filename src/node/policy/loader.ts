import { readFile } from 'node:fs/promises';
import type { Policy } from '../../shared/policy/schema';
import type { PolicyProblem } from '../../shared/policy/parse';
import { parsePolicy } from '../../shared/policy/parse';
import { t } from '../../shared/i18n';
import { writeFileAtomic } from './atomic-write';
import { unprotectedReason } from './protection';

export type PolicySource =
  | { kind: 'file'; file: string }
  | { kind: 'last-good'; file: string }
  | { kind: 'default'; file: string };

export interface LoadedPolicy {
  policy: Policy;
  source: PolicySource;
  /** Why the preferred policy was not used (empty when it was). */
  problems: PolicyProblem[];
}

export interface PolicyFiles {
  policyFile: string;
  lastGoodFile: string;
  defaultFile: string;
  /** The agent refuses policy files the user could have edited; an administrator's --policy does not need this. */
  requireProtected: boolean;
}

const problem = (file: string, key: 'policy.error.read' | 'policy.error.unprotected', detail: string): PolicyProblem => ({
  file,
  path: '',
  message: { ja: t('ja', key, { file, detail }), en: t('en', key, { file, detail }) },
});

export type PolicyRead = { ok: true; policy: Policy; bytes: Uint8Array } | { ok: false; missing: boolean; problems: PolicyProblem[] };

/** Reads and validates one policy file. */
export async function readPolicyFile(file: string, requireProtected: boolean): Promise<PolicyRead> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    return { ok: false, missing: code === 'ENOENT', problems: [problem(file, 'policy.error.read', code)] };
  }
  if (requireProtected) {
    const why = await unprotectedReason(file).catch((e: unknown) => String(e));
    if (why) return { ok: false, missing: false, problems: [problem(file, 'policy.error.unprotected', why)] };
  }
  const parsed = parsePolicy(bytes, file);
  return parsed.ok ? { ok: true, policy: parsed.policy, bytes } : { ok: false, missing: false, problems: parsed.problems };
}

/**
 * The policy in force: the machine policy when it is valid (and then kept as the last good copy),
 * else the last good copy, else the shipped default. A broken policy never leaves the PC unguarded,
 * and never silently: every problem is returned, with its file and field.
 */
export async function loadPolicy(files: PolicyFiles): Promise<LoadedPolicy> {
  const primary = await readPolicyFile(files.policyFile, files.requireProtected);
  if (primary.ok) {
    await keepLastGood(files.lastGoodFile, primary.bytes);
    return { policy: primary.policy, source: { kind: 'file', file: files.policyFile }, problems: [] };
  }
  // No policy deployed at all is normal before first deployment: not a problem to report.
  const problems = primary.missing ? [] : primary.problems;
  const lastGood = await readPolicyFile(files.lastGoodFile, files.requireProtected);
  if (lastGood.ok) return { policy: lastGood.policy, source: { kind: 'last-good', file: files.lastGoodFile }, problems };
  const fallback = await readPolicyFile(files.defaultFile, false);
  if (!fallback.ok) throw new Error(`shipped default policy is unusable: ${JSON.stringify(fallback.problems)}`);
  return { policy: fallback.policy, source: { kind: 'default', file: files.defaultFile }, problems };
}

async function keepLastGood(file: string, bytes: Uint8Array): Promise<void> {
  const current = await readFile(file).catch(() => null);
  if (current && Buffer.from(current).equals(Buffer.from(bytes))) return;
  // Only an administrator (or the privileged helper) can write the machine state folder; the agent
  // running as a staff member cannot, and then the in-memory copy is what stays in force.
  await writeFileAtomic(file, bytes).catch(() => undefined);
}
