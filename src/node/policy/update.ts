import type { IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import tls from 'node:tls';
import type { Policy } from '../../shared/policy/schema';
import { MAX_POLICY_BYTES, parsePolicy, type PolicyProblem } from '../../shared/policy/parse';
import type { LoadedPolicy } from './loader';
import { signatureFileOf, type PolicyTrust } from './policy-file';
import { verifyPolicy, type VerifyFailure } from './signature';
import { writeFileAtomic } from './atomic-write';
import { cacheMarkerFile, cachePolicyFile, failed, readCachedPolicy } from './update-cache';

export { CACHE_MARKER_FILE, CACHE_POLICY_FILE, readCachedPolicy, type CachedPolicy } from './update-cache';

/**
 * Policy updates (issue 7, "Signed policies"): newer revisions are fetched from an https:// URL
 * (If-None-Match with the stored ETag) or a file path on a share (mtime+size as the change marker),
 * always together with POLICY.sig. An update is used only when it is signed by a trusted key, parses,
 * and is newer than the policy in force; it is then kept in the cache folder (policy.json,
 * policy.json.sig, etag) and verified again on every read. Every failure is a coded result and the
 * current policy stays in force.
 */

export const DEFAULT_UPDATE_TIMEOUT_MS = 30_000;

export type UpdateFailureCode =
  | 'no-trusted-keys'
  | 'unsupported-source'
  | 'network'
  | 'timeout'
  | 'http-status'
  | 'redirect'
  | 'too-large'
  | 'read'
  | VerifyFailure
  | 'invalid'
  | 'rollback'
  | 'cache-write';

export interface PolicyUpdateRequest {
  /** https://… URL or a file path (\\server\share\mamori\policy.json, /mnt/share/policy.json). */
  source: string;
  /** PEM file with an extra CA for the https source (a private PKI). */
  caFile?: string | undefined;
  /** The change marker stored with the last accepted update from this source (ETag, or mtime+size). */
  etag?: string | null | undefined;
  timeoutMs: number;
  cacheDir: string;
  trust: PolicyTrust;
  /** Revision of the policy in force: an update must be newer. */
  currentRevision: number;
}

export type PolicyUpdateResult =
  | { kind: 'not-modified' }
  /** Verified and valid, but the same revision as the one in force (marker stored, nothing to apply). */
  | { kind: 'up-to-date'; etag: string | null }
  | { kind: 'updated'; loaded: LoadedPolicy; etag: string | null }
  | { kind: 'failed'; code: UpdateFailureCode; problems: PolicyProblem[] };

type Failed = Extract<PolicyUpdateResult, { kind: 'failed' }>;

class UpdateError extends Error {
  constructor(readonly result: Failed) {
    super(result.code);
  }
}

type SourceKind = 'https' | 'file' | 'unsupported';

export function sourceKind(source: string): SourceKind {
  if (/^https:\/\//i.test(source)) return 'https';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) return 'unsupported'; // http://, file://, ftp://…
  return path.isAbsolute(source) || path.win32.isAbsolute(source) ? 'file' : 'unsupported';
}

/** Fetches and, when it is acceptable, caches a newer policy. Never throws for expected failures. */
export async function fetchPolicyUpdate(request: PolicyUpdateRequest): Promise<PolicyUpdateResult> {
  const { source } = request;
  // An unsigned policy from the network (or a share) is never applied.
  if (request.trust.keys.length === 0) return failed('no-trusted-keys', 'policy.update.no-trusted-keys', { source });
  try {
    const kind = sourceKind(source);
    if (kind === 'unsupported') return failed('unsupported-source', 'policy.update.unsupported-source', { source });
    const fetched = kind === 'https' ? await fetchHttps(request) : await fetchFile(request);
    if (fetched === 'not-modified') return { kind: 'not-modified' };
    return await accept(request, fetched);
  } catch (e) {
    if (e instanceof UpdateError) return e.result;
    return failed('network', 'policy.update.network', { source, detail: e instanceof Error ? e.message : String(e) });
  }
}

interface Fetched {
  bytes: Uint8Array;
  signature: Uint8Array | null;
  marker: string | null;
}

async function accept(request: PolicyUpdateRequest, fetched: Fetched): Promise<PolicyUpdateResult> {
  const { source, trust, cacheDir } = request;
  const failure = verifyPolicy(fetched.bytes, fetched.signature, trust.keys, trust.now);
  if (failure) return failed(failure, `policy.error.signature.${failure}`, { source, file: source });
  const parsed = parsePolicy(fetched.bytes, source);
  if (!parsed.ok) return { kind: 'failed', code: 'invalid', problems: parsed.problems };
  const { revision } = parsed.policy;
  if (revision < request.currentRevision) {
    return failed('rollback', 'policy.error.rollback', { source, file: source, revision, current: request.currentRevision });
  }
  const file = cachePolicyFile(cacheDir);
  try {
    // Signature first: a crash in between leaves a mismatch that is refused (and refetched), never a wrong policy.
    await writeFileAtomic(signatureFileOf(file), fetched.signature ?? new Uint8Array());
    await writeFileAtomic(file, fetched.bytes);
    await writeFileAtomic(cacheMarkerFile(cacheDir), JSON.stringify({ source, etag: fetched.marker }));
  } catch (e) {
    const detail = (e as NodeJS.ErrnoException).code ?? String(e);
    return failed('cache-write', 'policy.update.cache-write', { source, file, detail });
  }
  if (revision === request.currentRevision) return { kind: 'up-to-date', etag: fetched.marker };
  // What goes into force is what is on disk, verified once more.
  const cached = await readCachedPolicy(cacheDir, trust);
  if (!cached.ok) return { kind: 'failed', code: cached.code, problems: cached.problems };
  return { kind: 'updated', loaded: cached.loaded, etag: fetched.marker };
}

// ---- file path (share) ----------------------------------------------------------------------------

async function fetchFile(request: PolicyUpdateRequest): Promise<Fetched | 'not-modified'> {
  const { source } = request;
  const readError = (e: unknown) =>
    new UpdateError(failed('read', 'policy.update.read', { source, detail: (e as NodeJS.ErrnoException).code ?? String(e) }));
  const info = await stat(source).catch((e: unknown) => {
    throw readError(e);
  });
  const sigInfo = await stat(signatureFileOf(source)).catch(() => null);
  // The .sig is part of the marker: a policy copied before its signature is picked up once both are there.
  const marker = `${info.mtimeMs}:${info.size}/${sigInfo ? `${sigInfo.mtimeMs}:${sigInfo.size}` : '-'}`;
  if (request.etag === marker) return 'not-modified';
  if (info.size > MAX_POLICY_BYTES) throw new UpdateError(failed('too-large', 'policy.update.too-large', { source, limit: MAX_POLICY_BYTES }));
  const bytes = await readFile(source).catch((e: unknown) => {
    throw readError(e);
  });
  const signature = sigInfo ? await readFile(signatureFileOf(source)).catch(() => null) : null;
  return { bytes, signature, marker };
}

// ---- https ----------------------------------------------------------------------------------------

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

async function fetchHttps(request: PolicyUpdateRequest): Promise<Fetched | 'not-modified'> {
  const { source } = request;
  let ca: string | undefined;
  if (request.caFile) {
    const caFile = request.caFile;
    ca = await readFile(caFile, 'utf8').catch((e: unknown) => {
      throw new UpdateError(failed('read', 'policy.update.read', { source: caFile, detail: (e as NodeJS.ErrnoException).code ?? String(e) }));
    });
  }
  const deadline = Date.now() + request.timeoutMs;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (request.etag) headers['if-none-match'] = request.etag;
  const policy = await get(source, headers, ca, deadline, request.timeoutMs);
  if (policy.status === 304) return 'not-modified';
  if (policy.status !== 200) throw statusError(source, policy);
  const etagHeader = policy.headers.etag;
  const marker = typeof etagHeader === 'string' && etagHeader ? etagHeader : null;
  const sigUrl = signatureFileOf(source);
  const sig = await get(sigUrl, { accept: 'application/json' }, ca, deadline, request.timeoutMs);
  // Missing signature → verifyPolicy reports 'no-signature'.
  const signature = sig.status === 404 || sig.status === 410 ? null : sig.body;
  if (sig.status !== 200 && signature !== null) throw statusError(sigUrl, sig);
  return { bytes: policy.body, signature, marker };
}

function statusError(source: string, answer: Answer): UpdateError {
  if (answer.status >= 300 && answer.status < 400) {
    return new UpdateError(failed('redirect', 'policy.update.redirect', { source, location: String(answer.headers.location ?? '') }));
  }
  return new UpdateError(failed('http-status', 'policy.update.http-status', { source, status: answer.status }));
}

/** One GET: no redirects followed, the body capped, and a hard deadline (a server that never answers). */
function get(url: string, headers: Record<string, string>, ca: string | undefined, deadline: number, timeoutMs: number): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    let settled = false;
    const finish = (error: UpdateError | null, answer?: Answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(answer!);
    };
    const networkError = (e: Error) =>
      new UpdateError(failed('network', 'policy.update.network', { source: url, detail: (e as NodeJS.ErrnoException).code ?? e.message }));
    const req = https.get(
      url,
      { headers, agent: false, minVersion: 'TLSv1.2', ...(ca !== undefined && { ca: [...tls.rootCertificates, ca] }) },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status !== 200) {
          res.resume();
          const answer = { status, headers: res.headers, body: Buffer.alloc(0) };
          if (status === 304 || status === 404 || status === 410) finish(null, answer);
          else finish(statusError(url, answer));
          req.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_POLICY_BYTES) {
            finish(new UpdateError(failed('too-large', 'policy.update.too-large', { source: url, limit: MAX_POLICY_BYTES })));
            req.destroy();
          } else chunks.push(chunk);
        });
        res.on('end', () => finish(null, { status, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', (e) => finish(networkError(e)));
        res.on('close', () => finish(networkError(new Error('connection closed before the end of the answer'))));
      },
    );
    req.on('error', (e) => finish(networkError(e)));
    const timer = setTimeout(
      () => {
        finish(new UpdateError(failed('timeout', 'policy.update.timeout', { source: url, seconds: Math.round(timeoutMs / 100) / 10 })));
        req.destroy();
      },
      Math.max(0, deadline - Date.now()),
    );
  });
}

// ---- the periodic updater -------------------------------------------------------------------------

export interface UpdaterTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: UpdaterTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface PolicyUpdaterOptions {
  /** Machine state folder for the accepted update (writable by administrators / the privileged helper only). */
  cacheDir: string;
  /** The trusted keys now (e.g. from loadTrustedKeys) and the current time, read at every check. */
  trust: () => PolicyTrust | Promise<PolicyTrust>;
  /** The policy in force: its `updates` section says where and how often, its revision what is newer. */
  current: () => Policy;
  onNewPolicy: (loaded: LoadedPolicy) => void | Promise<void>;
  onProblem?: (code: UpdateFailureCode, problems: PolicyProblem[]) => void;
  /** Every check's outcome (the privileged helper logs each attempt). */
  onCheck?: (result: PolicyUpdateResult, source: string) => void | Promise<void>;
  timeoutMs?: number;
  timers?: UpdaterTimers;
}

/**
 * Checks for a newer policy at the policy's updates.intervalSeconds. start() first restores the cached
 * update (verified again; used when newer than the policy in force), then checks at once and at every
 * interval. Settings are re-read from current() at every check, so a new policy can move or stop updates.
 */
export class PolicyUpdater {
  private handle: unknown = null;
  private running = false;
  private inFlight: Promise<PolicyUpdateResult | null> | null = null;
  private marker: { source: string; etag: string } | null = null;
  private appliedRevision = 0;
  private readonly timers: UpdaterTimers;

  constructor(private readonly options: PolicyUpdaterOptions) {
    this.timers = options.timers ?? realTimers;
  }

  async start(): Promise<void> {
    this.stop();
    this.running = true;
    await this.restoreCache();
    this.schedule(0);
  }

  stop(): void {
    this.running = false;
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
  }

  /** One check now (concurrent calls share it); null when the policy in force has no updates section. */
  checkNow(): Promise<PolicyUpdateResult | null> {
    this.inFlight ??= this.check().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private schedule(ms: number): void {
    if (!this.running || !this.options.current().updates) return;
    this.handle = this.timers.setTimeout(() => {
      this.handle = null;
      void this.checkNow()
        .catch(() => null)
        .then(() => this.schedule((this.options.current().updates?.intervalSeconds ?? 0) * 1000));
    }, ms);
  }

  private async restoreCache(): Promise<void> {
    const cached = await readCachedPolicy(this.options.cacheDir, await this.options.trust());
    if (!cached.ok) {
      if (!cached.missing) this.options.onProblem?.(cached.code, cached.problems);
      return;
    }
    if (cached.source !== null && cached.etag !== null) this.marker = { source: cached.source, etag: cached.etag };
    if (cached.loaded.policy.revision > this.options.current().revision) {
      this.appliedRevision = cached.loaded.policy.revision;
      await this.options.onNewPolicy(cached.loaded);
    }
  }

  private async check(): Promise<PolicyUpdateResult | null> {
    const policy = this.options.current();
    const updates = policy.updates;
    if (!updates) return null;
    const result = await fetchPolicyUpdate({
      source: updates.source,
      caFile: updates.caFile,
      etag: this.marker?.source === updates.source ? this.marker.etag : null,
      timeoutMs: this.options.timeoutMs ?? DEFAULT_UPDATE_TIMEOUT_MS,
      cacheDir: this.options.cacheDir,
      trust: await this.options.trust(),
      currentRevision: Math.max(policy.revision, this.appliedRevision),
    });
    if (result.kind === 'failed') this.options.onProblem?.(result.code, result.problems);
    if (result.kind === 'updated' || result.kind === 'up-to-date') {
      this.marker = result.etag === null ? null : { source: updates.source, etag: result.etag };
    }
    if (result.kind === 'updated') {
      this.appliedRevision = result.loaded.policy.revision;
      await this.options.onNewPolicy(result.loaded);
    }
    await this.options.onCheck?.(result, updates.source);
    return result;
  }
}
