import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { IsolationInputs, ReportingChannel } from './settings';

export type Protocol = 'tcp' | 'udp';

/** Something to keep reachable, named as in the policy (before name resolution). */
export interface Target {
  host: string;
  protocol: Protocol;
  /** Undefined: every port. */
  port?: number;
  /** Why it is allowed, e.g. "reporting:https", "allow", "dns". */
  source: string;
}

/** One allowed peer: an IP address (never a name), protocol and port. */
export interface Endpoint {
  ip: string;
  family: 4 | 6;
  protocol: Protocol;
  port?: number;
  host: string;
  source: string;
}

export interface Allowlist {
  endpoints: Endpoint[];
  /** Names that resolved to nothing: their endpoints are NOT reachable while isolated. */
  unresolved: string[];
}

export type Resolver = (host: string) => Promise<string[]>;

const RESOLVE_TIMEOUT_MS = 3000;

/** The system resolver (hosts file, then DNS), every address of both families. */
export const systemResolver: Resolver = async (host) => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('TIMEOUT')), RESOLVE_TIMEOUT_MS);
  });
  try {
    const found = await Promise.race([lookup(host, { all: true, order: 'verbatim' }), timeout]);
    return found.map((a) => a.address);
  } finally {
    clearTimeout(timer);
  }
};

const defaultPort = (channel: ReportingChannel): number => {
  if (channel.type !== 'https') return channel.port;
  const url = new URL(channel.url);
  return url.port === '' ? 443 : Number(url.port);
};

const channelHost = (channel: ReportingChannel): string =>
  channel.type === 'https' ? new URL(channel.url).hostname.replace(/^\[(.*)\]$/, '$1') : channel.host;

/** What the policy names: every reporting channel (TCP), the extra allowed endpoints and the DNS servers. */
export function targetsOf(inputs: Pick<IsolationInputs, 'channels' | 'settings'>): Target[] {
  const targets: Target[] = inputs.channels.map((c) => ({ host: channelHost(c), protocol: 'tcp', port: defaultPort(c), source: `reporting:${c.type}` }));
  for (const a of inputs.settings.allow) {
    targets.push(a.port === undefined ? { host: a.host, protocol: a.protocol, source: 'allow' } : { host: a.host, protocol: a.protocol, port: a.port, source: 'allow' });
  }
  for (const ip of inputs.settings.dns) {
    targets.push({ host: ip, protocol: 'udp', port: 53, source: 'dns' }, { host: ip, protocol: 'tcp', port: 53, source: 'dns' });
  }
  return targets;
}

/**
 * An address as a rule may carry it, or null. Rejects zone ids (fe80::1%eth0) and anything that is
 * not a plain IP literal; IPv4-mapped IPv6 (::ffff:10.0.0.1) becomes the IPv4 address it is.
 */
export function normalizeIp(text: string): { ip: string; family: 4 | 6 } | null {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(text);
  const candidate = mapped ? mapped[1]! : text;
  const family = isIP(candidate);
  if (family === 4) return { ip: candidate, family: 4 };
  if (family === 6 && !candidate.includes('%')) return { ip: candidate.toLowerCase(), family: 6 };
  return null;
}

const key = (e: Pick<Endpoint, 'ip' | 'protocol' | 'port'>) => `${e.ip}|${e.protocol}|${e.port ?? '*'}`;

/**
 * Resolves every target to IP addresses now (at isolation time): a rule must never depend on a name.
 * A name that no longer resolves keeps the addresses it had in `previous` (a re-application at boot,
 * before DNS works); without any it is listed in `unresolved`.
 */
export async function buildAllowlist(targets: readonly Target[], resolve: Resolver, previous?: Allowlist): Promise<Allowlist> {
  const names = [...new Set(targets.filter((t) => normalizeIp(t.host) === null).map((t) => t.host))];
  const resolved = new Map<string, string[]>();
  await Promise.all(
    names.map(async (name) => {
      const ips = await resolve(name).catch(() => []);
      const usable = ips.map(normalizeIp).filter((x) => x !== null).map((x) => x.ip);
      const kept = usable.length > 0 ? usable : (previous?.endpoints.filter((e) => e.host === name).map((e) => e.ip) ?? []);
      resolved.set(name, [...new Set(kept)]);
    }),
  );
  const endpoints = new Map<string, Endpoint>();
  const unresolved = new Set<string>();
  for (const t of targets) {
    const literal = normalizeIp(t.host);
    const ips = literal ? [literal.ip] : (resolved.get(t.host) ?? []);
    if (ips.length === 0) unresolved.add(t.host);
    for (const ip of ips) {
      const n = normalizeIp(ip);
      if (!n) continue;
      const e: Endpoint = t.port === undefined
        ? { ip: n.ip, family: n.family, protocol: t.protocol, host: t.host, source: t.source }
        : { ip: n.ip, family: n.family, protocol: t.protocol, port: t.port, host: t.host, source: t.source };
      if (!endpoints.has(key(e))) endpoints.set(key(e), e);
    }
  }
  return { endpoints: [...endpoints.values()], unresolved: [...unresolved].sort() };
}

/** True when a reporting channel names a host but no DNS server is allowed (it would resolve only from the hosts file). */
export function namesWithoutDns(inputs: Pick<IsolationInputs, 'channels' | 'settings'>): boolean {
  return inputs.settings.dns.length === 0 && targetsOf(inputs).some((t) => t.source !== 'dns' && normalizeIp(t.host) === null);
}
