import { readFile } from 'node:fs/promises';
import type { Policy } from '../../shared/policy/schema';
import type { PolicyProblem } from '../../shared/policy/parse';
import { writeFileAtomic } from './atomic-write';
import { problem, readPolicyFile, signatureFileOf, type ReadOptions } from './policy-file';
import { readCachedPolicy } from './update-cache';

export { readPolicyFile, signatureFileOf, type PolicyRead, type PolicyTrust, type ReadOptions } from './policy-file';

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

export interface PolicyFiles extends ReadOptions {
  policyFile: string;
  lastGoodFile: string;
  defaultFile: string;
  /**
   * Where the privileged helper keeps the accepted policy update (update-cache.ts). Used, verified
   * again on every read, when it is newer than the policy the files above give.
   */
  updateCacheDir?: string;
}

/**
 * The policy in force: the machine policy when it is valid (and then kept as the last good copy),
 * else the last good copy, else the shipped default. A broken policy never leaves the PC unguarded,
 * and never silently: every problem is returned, with its file and field.
 */
export async function loadPolicy(files: PolicyFiles): Promise<LoadedPolicy> {
  const base = await loadMachinePolicy(files);
  return files.updateCacheDir ? preferUpdate(base, files.updateCacheDir, files) : base;
}

/**
 * The accepted update replaces the policy in force only when it verifies with the trusted keys
 * (again, at every read: the agent trusts the file no more than a downloaded one) and is newer; an
 * older one is the rollback the revision rule forbids, and an administrator's newer machine policy
 * wins over it. A cache that exists but does not verify is reported and ignored.
 */
async function preferUpdate(base: LoadedPolicy, cacheDir: string, options: ReadOptions): Promise<LoadedPolicy> {
  if (!options.trust || options.trust.keys.length === 0) return base; // unsigned updates are never used
  const cached = await readCachedPolicy(cacheDir, options.trust, options.requireProtected);
  if (!cached.ok) return cached.missing ? base : { ...base, problems: [...base.problems, ...cached.problems] };
  if (cached.loaded.policy.revision <= base.policy.revision) return base;
  return { policy: cached.loaded.policy, source: cached.loaded.source, problems: base.problems };
}

/** The machine policy file, its last good copy, or the shipped default. */
async function loadMachinePolicy(files: PolicyFiles): Promise<LoadedPolicy> {
  const [primary, lastGood] = await Promise.all([readPolicyFile(files.policyFile, files), readPolicyFile(files.lastGoodFile, files)]);
  // An older revision never replaces a newer one (a replayed old policy, an administrator's mistake).
  const rollback = primary.ok && lastGood.ok && primary.policy.revision < lastGood.policy.revision;
  if (primary.ok && !rollback) {
    await keepLastGood(files.lastGoodFile, primary);
    return { policy: primary.policy, source: { kind: 'file', file: files.policyFile }, problems: [] };
  }
  // No policy deployed at all is normal before first deployment: not a problem to report.
  const problems = primary.ok
    ? [problem(files.policyFile, 'policy.error.rollback', { revision: primary.policy.revision, current: lastGood.ok ? lastGood.policy.revision : 0 })]
    : primary.missing
      ? []
      : primary.problems;
  if (lastGood.ok) return { policy: lastGood.policy, source: { kind: 'last-good', file: files.lastGoodFile }, problems };
  const fallback = await readPolicyFile(files.defaultFile, { requireProtected: false });
  if (!fallback.ok) throw new Error(`shipped default policy is unusable: ${JSON.stringify(fallback.problems)}`);
  return { policy: fallback.policy, source: { kind: 'default', file: files.defaultFile }, problems };
}

/** The last good copy keeps its signature too, so it is verified again like any policy. */
async function keepLastGood(file: string, read: { bytes: Uint8Array; signature: Uint8Array | null }): Promise<void> {
  const current = await readFile(file).catch(() => null);
  if (current && Buffer.from(current).equals(Buffer.from(read.bytes))) return;
  // Only an administrator (or the privileged helper) can write the machine state folder; the agent
  // running as a staff member cannot, and then the in-memory copy is what stays in force.
  try {
    if (read.signature) await writeFileAtomic(signatureFileOf(file), read.signature);
    await writeFileAtomic(file, read.bytes);
  } catch {
    /* not writable by this user: see above */
  }
}
