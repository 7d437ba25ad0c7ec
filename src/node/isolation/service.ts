import { rename } from 'node:fs/promises';
import type { Allowlist, Endpoint, Resolver } from './allowlist';
import { buildAllowlist, namesWithoutDns, targetsOf } from './allowlist';
import type { Firewall } from './firewall';
import type { ErrorCode, Status, Warning } from './protocol';
import { lockedUntil, NO_FAILURES, RELEASE_RATE_LIMIT, recordFailure, type RateLimit } from './rate-limit';
import { parseReleaseCodeHash, verifyReleaseCode } from './release-code';
import type { IsolationInputs } from './settings';
import { NO_ISOLATION_SETTINGS } from './settings';
import type { Actor, AuditEntry, AuditLog, Isolation, StateFile, StateStore } from './state';
import { EMPTY_STATE } from './state';
import type { VpnFinding } from './vpn';

export type Outcome = { ok: true; status: Status } | { ok: false; error: ErrorCode; detail?: string; retryAfterSeconds?: number };

export interface ServiceDeps {
  firewall: Firewall;
  store: StateStore;
  audit: AuditLog;
  /** Reads the policy and isolation settings (the helper reads them itself; never from a client). */
  inputs: () => Promise<IsolationInputs>;
  resolve: Resolver;
  vpn?: (endpointIps: string[]) => Promise<VpnFinding>;
  clock?: () => Date;
  rateLimit?: RateLimit;
  /** Diagnostics for the service's journal (never shown to users). */
  log?: (event: Record<string, unknown>) => void;
  /** The helper itself in the audit log (re-applying at start, the watchdog): root, or SYSTEM on Windows. */
  self?: Actor;
}

export const HELPER_ACTOR: Actor = { uid: 0, user: 'root', via: 'helper' };

/**
 * Who asks, as the channel established it: an administrator (root, or an elevated Windows
 * administrator) releases without a code; anyone else needs the policy's release code.
 */
export interface Caller {
  actor: Actor;
  admin: boolean;
}

const describe = (e: Pick<Endpoint, 'ip' | 'family' | 'port' | 'protocol' | 'host'>) =>
  `${e.family === 6 ? `[${e.ip}]` : e.ip} ${e.port ?? '*'}/${e.protocol}${e.host !== e.ip ? ` (${e.host})` : ''}`;

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 1000);

/**
 * Isolation as a transport-independent service: the helper's socket, the helper's start-up and
 * root's command line all go through it. Operations run one at a time. Fail-closed everywhere: the
 * wish to be isolated is persisted before the rules are applied, rules are removed before the state
 * says released, and an unreadable state file counts as isolated.
 */
export class IsolationService {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly now: () => Date;
  private readonly self: Actor;

  constructor(private readonly deps: ServiceDeps) {
    this.now = deps.clock ?? (() => new Date());
    this.self = deps.self ?? HELPER_ACTOR;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private log(event: Record<string, unknown>): void {
    this.deps.log?.(event);
  }

  /** Best effort: an audit failure never stops isolation (cutting the network is the safe side). */
  private async audit(entry: Omit<AuditEntry, 'time'>): Promise<boolean> {
    try {
      await this.deps.audit.append({ time: this.now().toISOString(), ...entry });
      return true;
    } catch (e) {
      this.log({ event: 'audit-failed', error: errorText(e), entry });
      return false;
    }
  }

  private async inputs(): Promise<IsolationInputs> {
    try {
      return await this.deps.inputs();
    } catch (e) {
      // Without a usable policy, isolate with nothing allowed rather than not at all.
      return { channels: [], settings: NO_ISOLATION_SETTINGS, source: 'none', problems: [errorText(e)] };
    }
  }

  /** The state; an unreadable file is kept aside and counts as isolated (fail closed). */
  private async readState(): Promise<{ state: StateFile; corrupt?: string }> {
    const read = await this.deps.store.read();
    if (read.ok) return { state: read.state };
    if (read.missing) return { state: EMPTY_STATE };
    const aside = `${this.deps.store.file}.unreadable-${this.now().getTime()}`;
    await rename(this.deps.store.file, aside).catch(() => undefined);
    return { state: EMPTY_STATE, corrupt: `${read.detail}; kept as ${aside}` };
  }

  private async allowlistFor(inputs: IsolationInputs, previous: Isolation | null): Promise<{ allowlist: Allowlist; warnings: Warning[] }> {
    const prior: Allowlist | undefined = previous ? { endpoints: previous.endpoints, unresolved: previous.unresolved } : undefined;
    const allowlist = await buildAllowlist(targetsOf(inputs), this.deps.resolve, prior);
    const warnings: Warning[] = [];
    if (inputs.channels.length === 0) warnings.push({ code: 'no-report-endpoint' });
    for (const host of allowlist.unresolved) warnings.push({ code: 'unresolved-endpoint', detail: host });
    if (namesWithoutDns(inputs)) warnings.push({ code: 'names-without-dns' });
    if (inputs.problems.length > 0) warnings.push({ code: 'policy-problem', detail: inputs.problems.join('\n').slice(0, 2000) });
    return { allowlist, warnings };
  }

  /** Whether a VPN tunnel carries the report endpoints (routing, so unaffected by the rules being applied meanwhile). */
  private async vpnWarnings(allowlist: Allowlist): Promise<Warning[]> {
    if (!this.deps.vpn) return [];
    const reportIps = [...new Set(allowlist.endpoints.filter((e) => e.source.startsWith('reporting:')).map((e) => e.ip))];
    const vpn = await this.deps.vpn(reportIps).catch(() => null);
    return vpn && vpn.code !== 'none' ? [{ code: vpn.code, detail: [...vpn.devices, ...vpn.endpoints].join(' ') }] : [];
  }

  private async statusOf(state: StateFile, inputs?: IsolationInputs): Promise<Status> {
    const settings = (inputs ?? (await this.inputs())).settings;
    const releasableWithCode = settings.releaseCodeHash !== undefined && parseReleaseCodeHash(settings.releaseCodeHash) !== null;
    const enforced = await this.deps.firewall.isApplied().catch(() => null);
    const iso = state.isolation;
    if (!iso) return { isolated: false, enforced, allowed: [], releasableWithCode, warnings: [] };
    const warnings = enforced === true ? iso.warnings : [...iso.warnings, { code: 'not-enforced' as const }];
    return { isolated: true, enforced, since: iso.since, actor: iso.actor, reason: iso.reason, allowed: iso.endpoints.map(describe), releasableWithCode, warnings };
  }

  status(): Promise<Outcome> {
    return this.serial(async () => ({ ok: true, status: await this.statusOf((await this.readState()).state) }));
  }

  /** Cuts the network except for the policy's endpoints. Isolating again refreshes the allow-list. */
  isolate(actor: Actor, reason: string): Promise<Outcome> {
    return this.serial(() => this.applyIsolation('isolate', actor, reason));
  }

  /** At helper start (boot, restart): puts recorded isolation back in force before anything else. */
  reapply(): Promise<Outcome> {
    return this.serial(async () => {
      const { state, corrupt } = await this.readState();
      if (!state.isolation && !corrupt) return { ok: true, status: await this.statusOf(state) };
      return this.applyIsolation('reapply', this.self, corrupt ? `state file unreadable (${corrupt})` : state.isolation!.reason);
    });
  }

  /** The watchdog: if anything removed the rules (`nft flush ruleset`, a firewall reload), put them back as recorded. */
  enforce(): Promise<void> {
    return this.serial(async () => {
      const read = await this.deps.store.read();
      if (!read.ok || !read.state.isolation) return;
      if ((await this.deps.firewall.isApplied().catch(() => null)) !== false) return;
      const iso = read.state.isolation;
      try {
        await this.deps.firewall.apply({ endpoints: iso.endpoints, unresolved: iso.unresolved });
        await this.audit({ action: 'enforce', result: 'ok', actor: this.self, detail: 'rules were missing; applied again' });
      } catch (e) {
        this.log({ event: 'enforce-failed', error: errorText(e) });
      }
    });
  }

  private async applyIsolation(action: 'isolate' | 'reapply', actor: Actor, reason: string): Promise<Outcome> {
    const { state, corrupt } = await this.readState();
    const inputs = await this.inputs();
    const previous = state.isolation;
    const { allowlist, warnings } = await this.allowlistFor(inputs, previous);
    const now = this.now().toISOString();
    const isolation: Isolation = {
      since: previous?.since ?? now,
      actor: previous?.actor ?? actor,
      reason: previous?.reason ?? reason,
      endpoints: allowlist.endpoints,
      unresolved: allowlist.unresolved,
      warnings,
      updatedAt: now,
    };
    const next: StateFile = { ...state, isolation };
    const endpoints = allowlist.endpoints.map(describe);
    // The wish comes first: if applying fails or we crash, the next start (or the watchdog) applies it.
    try {
      await this.deps.store.write(next);
    } catch (e) {
      this.log({ event: 'state-write-failed', error: errorText(e) });
    }
    // The rules go in first; the VPN check (a few `ip route get`) runs alongside and only adds warnings.
    const [applied, vpn] = await Promise.all([
      this.deps.firewall.apply(allowlist).then(() => null, (e: unknown) => errorText(e)),
      this.vpnWarnings(allowlist),
    ]);
    if (applied !== null) {
      await this.audit({ action, result: 'failed', actor, reason, detail: applied, endpoints });
      return { ok: false, error: 'apply-failed', detail: applied };
    }
    if (vpn.length > 0) {
      next.isolation = { ...isolation, warnings: [...warnings, ...vpn] };
      await this.deps.store.write(next).catch((e: unknown) => this.log({ event: 'state-write-failed', error: errorText(e) }));
    }
    const detail = [corrupt, previous && action === 'isolate' ? 'already isolated: allow-list refreshed' : undefined].filter(Boolean).join('; ');
    await this.audit({ action, result: 'ok', actor, reason, endpoints, ...(detail ? { detail } : {}) });
    return { ok: true, status: await this.statusOf(next, inputs) };
  }

  /**
   * Lifts isolation. An administrator needs no code; anyone else needs the policy's release code,
   * and wrong codes are rate-limited across restarts.
   */
  release(caller: Caller, code: string | undefined, reason?: string): Promise<Outcome> {
    return this.serial(async () => {
      const { state } = await this.readState();
      const { actor, admin } = caller;
      const because = reason ? { reason } : {};
      // Every attempt is in the audit log, refused ones too: a CSIRT reading it after an incident
      // must see someone trying to lift isolation without a code, not only wrong codes.
      const refuse = async (error: 'not-isolated' | 'code-required' | 'no-release-code', detail: string): Promise<Outcome> => {
        await this.audit({ action: 'release', result: 'denied', actor, detail, ...because });
        return { ok: false, error };
      };
      if (!state.isolation && !admin) return refuse('not-isolated', 'not isolated');
      if (!admin) {
        if (code === undefined) return refuse('code-required', 'no release code given');
        const inputs = await this.inputs();
        const hash = inputs.settings.releaseCodeHash;
        if (hash === undefined || parseReleaseCodeHash(hash) === null) return refuse('no-release-code', 'the policy allows no release code');
        const now = this.now().getTime();
        const limit = this.deps.rateLimit ?? RELEASE_RATE_LIMIT;
        const locked = lockedUntil(state.releaseFailures, now, limit);
        if (locked !== null) {
          await this.audit({ action: 'release', result: 'rate-limited', actor, ...because });
          return { ok: false, error: 'rate-limited', retryAfterSeconds: Math.ceil((locked - now) / 1000) };
        }
        if (!(await verifyReleaseCode(code, hash))) {
          const failures = recordFailure(state.releaseFailures, now);
          await this.deps.store.write({ ...state, releaseFailures: failures });
          await this.audit({ action: 'release', result: 'denied', actor, detail: `wrong release code (${failures.count} in a row)`, ...because });
          const until = lockedUntil(failures, now, limit);
          return until === null ? { ok: false, error: 'bad-code' } : { ok: false, error: 'bad-code', retryAfterSeconds: Math.ceil((until - now) / 1000) };
        }
      }
      // A release that cannot be recorded does not happen.
      try {
        await this.deps.audit.append({ time: this.now().toISOString(), action: 'release', result: 'authorized', actor, ...(admin ? { detail: 'administrator' } : { detail: 'release code' }), ...because });
      } catch (e) {
        this.log({ event: 'audit-failed', error: errorText(e) });
        return { ok: false, error: 'audit-failed', detail: errorText(e) };
      }
      try {
        await this.deps.firewall.remove();
      } catch (e) {
        await this.audit({ action: 'release', result: 'failed', actor, detail: errorText(e), ...because });
        return { ok: false, error: 'remove-failed', detail: errorText(e) };
      }
      const next: StateFile = { ...state, isolation: null, releaseFailures: NO_FAILURES };
      await this.deps.store.write(next);
      await this.audit({ action: 'release', result: 'ok', actor, ...because });
      return { ok: true, status: await this.statusOf(next) };
    });
  }
}
