import https from 'node:https';
import type { IncomingMessage } from 'node:http';
import { channelKey, DEFAULT_TIMEOUT_MS, type Channel, type Payload } from '../channel';
import { classify } from '../failure';
import { toOcsf } from '../ocsf';
import { TLS_MIN_VERSION, trustedCas } from '../trust';
import { DeliveryFailure } from '../types';

export interface HttpsChannelConfig {
  url: string;
  caFile?: string;
}

/**
 * POST of the OCSF Incident Finding as JSON. Delivered = a 2xx status. Redirects are failures, not followed: a
 * report goes only where the policy says. No connection reuse (agent: false), so each attempt is independent.
 */
export function httpsChannel(config: HttpsChannelConfig, options: { timeoutMs?: number } = {}): Channel {
  const url = new URL(config.url);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    key: channelKey('https', url.href),
    type: 'https',
    target: url.host,
    async send(payload: Payload, signal: AbortSignal): Promise<void> {
      const ca = await trustedCas(config.caFile);
      const body = Buffer.from(JSON.stringify(toOcsf(payload.report)), 'utf8');
      await post(url, body, payload, ca, timeoutMs, signal);
    },
  };
}

function post(url: URL, body: Buffer, payload: Payload, ca: string[] | undefined, timeoutMs: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const finish = (error?: DeliveryFailure) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      signal.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve();
    };
    const request = https.request(url, {
      method: 'POST',
      agent: false,
      ...(ca !== undefined && { ca }),
      minVersion: TLS_MIN_VERSION,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-length': body.length,
        // The report id: a receiver that supports idempotency keys drops our at-least-once duplicates itself.
        'idempotency-key': payload.report.id,
        'user-agent': `Mamori/${payload.report.reporter.mamoriVersion}`,
      },
    });
    // A whole-attempt deadline (not an idle timeout): a receiver trickling bytes must not hold a report forever.
    const deadline = setTimeout(() => {
      finish(new DeliveryFailure('timeout'));
      request.destroy();
    }, timeoutMs);
    const onAbort = () => {
      finish(new DeliveryFailure('aborted'));
      request.destroy();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    request.on('error', (e) => finish(classify(e)));
    request.on('response', (response: IncomingMessage) => {
      const status = response.statusCode ?? 0;
      // The status is the receiver's answer; its body is not needed, so it is discarded unread (bounded memory).
      response.destroy();
      finish(status >= 200 && status < 300 ? undefined : new DeliveryFailure('http-status', status));
    });
    if (signal.aborted) onAbort();
    else request.end(body);
  });
}
