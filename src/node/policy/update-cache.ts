import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PolicyProblem } from '../../shared/policy/parse';
import { localized, type MessageKey, type Params } from '../../shared/i18n';
import type { LoadedPolicy } from './loader';
import { readPolicyFile, type PolicyTrust } from './policy-file';
import type { UpdateFailureCode } from './update';

/**
 * The accepted policy update as the privileged helper keeps it (policy.json, policy.json.sig and the
 * change marker `etag`), and as every reader sees it: verified against the trusted keys at each read,
 * so a copy changed on disk is refused like a tampered download.
 */
export const CACHE_POLICY_FILE = 'policy.json';
export const CACHE_MARKER_FILE = 'etag';

export const cachePolicyFile = (cacheDir: string) => path.join(cacheDir, CACHE_POLICY_FILE);
export const cacheMarkerFile = (cacheDir: string) => path.join(cacheDir, CACHE_MARKER_FILE);

export const failed = (code: UpdateFailureCode, key: MessageKey, params: Params, file = String(params.source ?? '')) => ({
  kind: 'failed' as const,
  code,
  problems: [{ file, path: '', message: localized(key, params) }] as PolicyProblem[],
});

export type CachedPolicy =
  | { ok: true; loaded: LoadedPolicy; source: string | null; etag: string | null }
  | { ok: false; missing: boolean; code: UpdateFailureCode; problems: PolicyProblem[] };

/**
 * The last accepted update, verified against the trusted keys like any policy (a tampered cache is
 * refused). `requireProtected`: the agent also insists that the cache is the helper's (root-owned,
 * not writable by others), as it does for the machine policy.
 */
export async function readCachedPolicy(cacheDir: string, trust: PolicyTrust, requireProtected = false): Promise<CachedPolicy> {
  const file = cachePolicyFile(cacheDir);
  if (trust.keys.length === 0) {
    return { ok: false, missing: false, ...failed('no-trusted-keys', 'policy.update.no-trusted-keys', { source: file }) };
  }
  const read = await readPolicyFile(file, { requireProtected, trust });
  if (!read.ok) return { ok: false, missing: read.missing, code: read.signatureFailure ?? (read.missing ? 'read' : 'invalid'), problems: read.problems };
  let source: string | null = null;
  let etag: string | null = null;
  try {
    const marker = JSON.parse(await readFile(cacheMarkerFile(cacheDir), 'utf8')) as { source?: unknown; etag?: unknown };
    if (typeof marker.source === 'string') source = marker.source;
    if (typeof marker.etag === 'string') etag = marker.etag;
  } catch {
    /* no marker: the next check downloads in full */
  }
  return { ok: true, loaded: { policy: read.policy, source: { kind: 'file', file }, problems: [] }, source, etag };
}
