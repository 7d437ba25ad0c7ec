import net from 'node:net';
import type Mail from 'nodemailer/lib/mailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { channelKey, DEFAULT_TIMEOUT_MS, hostPort, type Channel, type Payload } from '../channel';
import { classify, classifyTlsMessage } from '../failure';
import { composeMail } from '../mail-format';
import { TLS_MIN_VERSION, trustedCas } from '../trust';
import { DeliveryFailure } from '../types';

export interface SmtpChannelConfig {
  host: string;
  port: number;
  from: string;
  to: string[];
  caFile?: string;
}

/** nodemailer's error shape (its codes are strings such as ETLS, ESOCKET; originalCode keeps the socket's). */
interface MailerError {
  code?: string;
  originalCode?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/**
 * E-mail through nodemailer's SMTP transport. TLS is mandatory: implicit TLS on 465, STARTTLS required on any
 * other port (requireTLS: a server that does not offer it fails the attempt; the report never goes in clear).
 * Delivered = the server accepted the message for every recipient (a partial rejection is retried for all,
 * and the Message-ID lets receivers drop the copies).
 */
export function smtpChannel(config: SmtpChannelConfig, options: { timeoutMs?: number } = {}): Channel {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const target = hostPort(config.host, config.port);
  const identity = `${target} ${config.from} ${[...config.to].sort().join(',')}`;
  return {
    key: channelKey('smtp', identity),
    type: 'smtp',
    target,
    async send(payload: Payload, signal: AbortSignal): Promise<void> {
      const ca = await trustedCas(config.caFile);
      const implicitTls = config.port === 465;
      const transportOptions: SMTPTransport.Options = {
        host: config.host,
        port: config.port,
        secure: implicitTls,
        requireTLS: !implicitTls,
        tls: {
          ...(ca !== undefined && { ca }),
          minVersion: TLS_MIN_VERSION,
          ...(net.isIP(config.host) === 0 && { servername: config.host }),
        },
        connectionTimeout: timeoutMs,
        greetingTimeout: timeoutMs,
        socketTimeout: timeoutMs,
        dnsTimeout: timeoutMs,
        // The message is built from the report only: never let content pull in local files or URLs.
        disableFileAccess: true,
        disableUrlAccess: true,
        // nodemailer's logger would print addresses and server replies; delivery state goes through codes only.
        logger: false,
        debug: false,
      };
      // Loaded on first use: the agent carries nodemailer's memory only once it has mail to send.
      const nodemailer = require('nodemailer') as typeof import('nodemailer');
      const transport = nodemailer.createTransport(transportOptions);
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(), timeoutMs);
      const onAbort = () => deadline.abort();
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        // `signal` (per-send cancel) exists since nodemailer 10.5; @types/nodemailer 8 does not declare it yet.
        const message = { ...composeMail(payload.report, payload.json, config), signal: deadline.signal } as Mail.Options;
        const info = await transport.sendMail(message);
        if (info.rejected.length > 0) throw new DeliveryFailure('smtp-recipient-rejected');
      } catch (e) {
        if (e instanceof DeliveryFailure) throw e;
        if (deadline.signal.aborted) throw new DeliveryFailure(signal.aborted ? 'aborted' : 'timeout');
        throw classifyMailer(e as MailerError);
      } finally {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        transport.close();
      }
    },
  };
}

function classifyMailer(e: MailerError): DeliveryFailure {
  const status = e.responseCode;
  switch (e.code) {
    case 'ETLS':
      // A reply to STARTTLS means the server refused it; no reply means the handshake itself failed.
      if (status !== undefined && status >= 400) return new DeliveryFailure('smtp-starttls-unavailable', status);
      return classifyTlsMessage(e.message ?? '');
    case 'EAUTH':
    case 'ENOAUTH':
      return new DeliveryFailure('smtp-auth-required', status);
    case 'EENVELOPE':
      return new DeliveryFailure(status === 530 ? 'smtp-auth-required' : 'smtp-recipient-rejected', status);
    case 'EMESSAGE':
      return new DeliveryFailure(status === 530 ? 'smtp-auth-required' : 'smtp-rejected', status);
    case 'ETIMEDOUT':
      return new DeliveryFailure('timeout');
    case 'EDNS':
      return new DeliveryFailure('host-not-found');
    case 'EPROTOCOL':
      return new DeliveryFailure('protocol-error', status);
    case 'ECONNECTION':
    case 'ESOCKET': {
      const underlying = classify({ code: e.originalCode });
      if (underlying.code !== 'unknown') return underlying;
      if (/certificate|self[- ]signed|Hostname\/IP/i.test(e.message ?? '')) return classifyTlsMessage(e.message ?? '');
      return new DeliveryFailure('connection-reset');
    }
    default:
      if (status === 530) return new DeliveryFailure('smtp-auth-required', status);
      if (status !== undefined && status >= 400) return new DeliveryFailure('smtp-rejected', status);
      return classify(e);
  }
}
