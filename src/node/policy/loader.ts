import { readFile } from 'node:fs/promises';
import type { Policy } from '../../shared/policy/schema';
import type { PolicyProblem } from '../../shared/policy/parse';
import { parsePolicy } from '../../shared/policy/parse';
import { localized, type MessageKey } from '../../shared/i18n';
import type { KeyObject } from 'node:crypto';
import { verifyPolicy } from './signature';
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

/** Whose signatures a policy needs: with trusted keys installed, only a policy signed by one of them is used. */
export interface PolicyTrust {
  keys: readonly KeyObject[];
  now: Date;
}

export interface ReadOptions {
  /** The agent refuses policy files the user could have edited; an administrator's --policy does not need this. */
  requireProtected: boolean;
  /** Signatures are checked when trusted keys are given (POLICY.sig beside POLICY). */
  trust?: PolicyTrust;
}

export interface PolicyFiles extends ReadOptions {
  policyFile: string;
  lastGoodFile: string;
  defaultFile: string;
}

const problem = (file: string, key: MessageKey, params: Record<string, string | number> = {}): PolicyProblem => ({
  file,
  path: '',
  message: localized(key, { file, ...params }),
});

export type PolicyRead =
  | { ok: true; policy: Policy; bytes: Uint8Array; signature: Uint8Array | null }
  | { ok: false; missing: boolean; problems: PolicyProblem[] };

export const signatureFileOf = (file: string) => `${file}.sig`;

/** Reads one policy file: protection, then signature, then schema — tampering is reported as tampering. */
export async function readPolicyFile(file: string, options: ReadOptions): Promise<PolicyRead> {
  const { requireProtected, trust } = options;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    return { ok: false, missing: code === 'ENOENT', problems: [problem(file, 'policy.error.read', { detail: code })] };
  }
  if (requireProtected) {
    const why = await unprotectedReason(file).catch((e: unknown) => String(e));
    if (why) return { ok: false, missing: false, problems: [problem(file, 'policy.error.unprotected', { detail: why })] };
  }
  const signature: Uint8Array | null = await readFile(signatureFileOf(file)).catch(() => null);
  if (trust && trust.keys.length > 0) {
    const failure = verifyPolicy(bytes, signature, trust.keys, trust.now);
    if (failure) return { ok: false, missing: false, problems: [problem(file, `policy.error.signature.${failure}`)] };
  }
  const parsed = parsePolicy(bytes, file);
  return parsed.ok ? { ok: true, policy: parsed.policy, bytes, signature } : { ok: false, missing: false, problems: parsed.problems };
}

/**
 * The policy in force: the machine policy when it is valid (and then kept as the last good copy),
 * else the last good copy, else the shipped default. A broken policy never leaves the PC unguarded,
 * and never silently: every problem is returned, with its file and field.
 */
export async function loadPolicy(files: PolicyFiles): Promise<LoadedPolicy> {
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
