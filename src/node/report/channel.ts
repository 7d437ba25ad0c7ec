import { createHash } from 'node:crypto';
import type { Report } from '../../shared/report';
import type { ChannelType } from './types';

/** What every channel is given: the validated report and the exact JSON text persisted for it. */
export interface Payload {
  report: Report;
  json: string;
}

/**
 * One delivery route. send() resolves only once the receiver has accepted the report (2xx, the TLS stream
 * closed cleanly, SMTP 250 for every recipient) and otherwise rejects with a DeliveryFailure. It must honour
 * its own deadline and the abort signal (stop()).
 */
export interface Channel {
  key: string;
  type: ChannelType;
  target: string;
  send(payload: Payload, signal: AbortSignal): Promise<void>;
}

/**
 * A channel's stable key: its type and a hash of the endpoint identity. Stable across restarts and policy
 * revisions that do not move the endpoint (a new caFile does not cause re-delivery); a hash, so that a token
 * in a URL never appears in status or state files.
 */
export function channelKey(type: ChannelType, identity: string): string {
  return `${type}:${createHash('sha256').update(identity).digest('hex').slice(0, 16)}`;
}

/** Default per-attempt deadline: generous for a slow government WAN, short enough to retry while online. */
export const DEFAULT_TIMEOUT_MS = 15_000;

/** host:port for display and channel identity, with an IPv6 literal in brackets ([::1]:6514). */
export const hostPort = (host: string, port: number): string => `${host.includes(':') ? `[${host}]` : host}:${port}`;
