import net from 'node:net';
import tls from 'node:tls';
import { channelKey, DEFAULT_TIMEOUT_MS, hostPort, type Channel, type Payload } from '../channel';
import { classify } from '../failure';
import { octetFrame, syslogMessage } from '../syslog-format';
import { TLS_MIN_VERSION, trustedCas } from '../trust';
import { DeliveryFailure } from '../types';

export interface SyslogTlsChannelConfig {
  host: string;
  port: number;
  caFile?: string;
}

/**
 * Syslog over TLS (RFC 5425): one connection per report, one octet-counted frame, then a clean close.
 * Syslog has no application-level acknowledgement, so "delivered" is the strongest thing TLS can say: every
 * byte written and the connection shut down in order (our close_notify/FIN, then the receiver's close)
 * without error. A receiver that cuts the connection early makes it a failure, and the report is sent again.
 */
export function syslogTlsChannel(config: SyslogTlsChannelConfig, options: { timeoutMs?: number } = {}): Channel {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const target = hostPort(config.host, config.port);
  return {
    key: channelKey('syslog-tls', target),
    type: 'syslog-tls',
    target,
    async send(payload: Payload, signal: AbortSignal): Promise<void> {
      const ca = await trustedCas(config.caFile);
      const frame = octetFrame(syslogMessage(payload.report, payload.json, process.pid));
      await transmit(config, frame, ca, timeoutMs, signal);
    },
  };
}

function transmit(config: SyslogTlsChannelConfig, frame: Buffer, ca: string[] | undefined, timeoutMs: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    let written = false;
    const socket = tls.connect({
      host: config.host,
      port: config.port,
      ...(ca !== undefined && { ca }),
      minVersion: TLS_MIN_VERSION,
      // SNI only for names (RFC 6066 forbids IP literals); verification checks the name or IP either way.
      ...(net.isIP(config.host) === 0 && { servername: config.host }),
    });
    const finish = (error?: DeliveryFailure) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      signal.removeEventListener('abort', onAbort);
      if (error) {
        socket.destroy();
        reject(error);
      } else resolve();
    };
    const deadline = setTimeout(() => finish(new DeliveryFailure('timeout')), timeoutMs);
    const onAbort = () => finish(new DeliveryFailure('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) return onAbort();

    socket.on('secureConnect', () => {
      // rejectUnauthorized is Node's default (true): an unverified peer never gets here, but say so explicitly.
      if (!socket.authorized) return finish(new DeliveryFailure('tls-untrusted-certificate'));
      socket.end(frame, () => {
        written = true;
      });
    });
    socket.on('data', () => undefined); // a receiver has nothing to say in RFC 5425; read and drop
    socket.on('error', (e) => finish(classify(e)));
    socket.on('close', (hadError) => finish(hadError || !written ? new DeliveryFailure('connection-reset') : undefined));
  });
}
