import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { ServerIdentity } from './pki';

export interface Mail {
  from: string;
  to: string[];
  /** The message exactly as received after DATA. */
  raw: Buffer;
  /** Whether the session had been upgraded with STARTTLS. */
  secure: boolean;
}

export interface SmtpReceiver {
  server: SMTPServer;
  host: string;
  port: number;
  mails: Mail[];
  /** Recipients to refuse with 550 (a permanent rejection). */
  refuse: Set<string>;
  close(): Promise<void>;
}

/**
 * A real SMTP server (smtp-server) on 127.0.0.1: STARTTLS with the test PKI's certificate, and it refuses any
 * MAIL FROM before STARTTLS, so a test passing proves the report never went in clear.
 */
export async function startSmtpReceiver(identity: ServerIdentity, options: { starttls?: boolean } = {}): Promise<SmtpReceiver> {
  const mails: Mail[] = [];
  const refuse = new Set<string>();
  const server = new SMTPServer({
    ...identity,
    secure: false,
    authOptional: true,
    disabledCommands: options.starttls === false ? ['AUTH', 'STARTTLS'] : ['AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    onMailFrom(_address, session, callback) {
      if (!session.secure) return callback(Object.assign(new Error('Must issue a STARTTLS command first'), { responseCode: 530 }));
      callback();
    },
    onRcptTo(address, _session, callback) {
      if (refuse.has(address.address)) return callback(Object.assign(new Error('No such user'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) return callback(new Error('too big'));
        mails.push({
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
          secure: session.secure,
        });
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    server,
    host: '127.0.0.1',
    port,
    mails,
    refuse,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
