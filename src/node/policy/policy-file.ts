import { readFile } from 'node:fs/promises';
import type { KeyObject } from 'node:crypto';
import type { Policy } from '../../shared/policy/schema';
import type { PolicyProblem } from '../../shared/policy/parse';
import { parsePolicy } from '../../shared/policy/parse';
import { localized, type MessageKey } from '../../shared/i18n';
import { unprotectedReason } from './protection';
import type { VerifyFailure } from './signature';

// Reading one policy file with its protection and signature checks: the loader, the update cache
// and the CLI use it.

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

export const problem = (file: string, key: MessageKey, params: Record<string, string | number> = {}): PolicyProblem => ({
  file,
  path: '',
  message: localized(key, { file, ...params }),
});

export type PolicyRead =
  | { ok: true; policy: Policy; bytes: Uint8Array; signature: Uint8Array | null }
  /** `signatureFailure`: the signature check refused the file (the update cache reports it as such). */
  | { ok: false; missing: boolean; problems: PolicyProblem[]; signatureFailure?: VerifyFailure };

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
    // Loaded only where keys are installed: node:crypto adds about 0.8 MB to the watcher's memory.
    const { verifyPolicy } = await import('./signature.js');
    const failure = verifyPolicy(bytes, signature, trust.keys, trust.now);
    if (failure) return { ok: false, missing: false, problems: [problem(file, `policy.error.signature.${failure}`)], signatureFailure: failure };
  }
  const parsed = parsePolicy(bytes, file);
  return parsed.ok ? { ok: true, policy: parsed.policy, bytes, signature } : { ok: false, missing: false, problems: parsed.problems };
}
