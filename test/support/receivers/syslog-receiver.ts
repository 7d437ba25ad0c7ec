import type { AddressInfo, Socket } from 'node:net';
import tls from 'node:tls';
import type { ServerIdentity } from './pki';

export interface SyslogFrame {
  /** The whole frame as it arrived: "MSG-LEN SP SYSLOG-MSG". */
  raw: Buffer;
  /** MSG-LEN as written by the sender. */
  declaredLength: number;
  /** SYSLOG-MSG bytes. */
  message: Buffer;
}

export interface SyslogReceiver {
  host: string;
  port: number;
  frames: SyslogFrame[];
  /** Bytes that did not parse as RFC 5425 frames (should stay 0), and frames cut short by a closing sender. */
  garbage: number;
  truncated: number;
  /** ok: close when the sender closes; hold: never close (a stuck receiver: the sender's deadline must fire). */
  mode: 'ok' | 'hold';
  useIdentity(identity: ServerIdentity): void;
  close(): Promise<void>;
}

/**
 * An RFC 5425 receiver: TLS on 127.0.0.1, octet-counted framing (MSG-LEN SP SYSLOG-MSG), several frames per
 * connection allowed. It parses incrementally and keeps each complete frame byte for byte.
 */
export async function startSyslogReceiver(identity: ServerIdentity): Promise<SyslogReceiver> {
  const receiver: SyslogReceiver = {
    host: '127.0.0.1',
    port: 0,
    frames: [],
    garbage: 0,
    truncated: 0,
    mode: 'ok',
    useIdentity: (id) => server.setSecureContext(id),
    close: async () => {
      for (const s of sockets) s.destroy();
      for (const s of rawSockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const sockets = new Set<tls.TLSSocket>();
  const rawSockets = new Set<Socket>();
  const server = tls.createServer({ ...identity, minVersion: 'TLSv1.2', allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const space = buffer.indexOf(0x20);
        if (space < 0) {
          if (buffer.length > 10 || !/^\d*$/.test(buffer.toString('latin1'))) {
            receiver.garbage += buffer.length;
            buffer = Buffer.alloc(0);
          }
          return;
        }
        const lengthText = buffer.subarray(0, space).toString('latin1');
        if (!/^[1-9]\d{0,9}$/.test(lengthText)) {
          receiver.garbage += buffer.length;
          buffer = Buffer.alloc(0);
          return;
        }
        const declaredLength = Number(lengthText);
        const end = space + 1 + declaredLength;
        if (buffer.length < end) return;
        receiver.frames.push({ raw: Buffer.from(buffer.subarray(0, end)), declaredLength, message: Buffer.from(buffer.subarray(space + 1, end)) });
        buffer = buffer.subarray(end);
      }
    });
    socket.on('end', () => {
      if (receiver.mode === 'ok') socket.end();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (buffer.length > 0) receiver.truncated += 1;
      sockets.delete(socket);
    });
  });
  // Connections that never finish the handshake (a client rejecting our certificate) are closed too.
  server.on('tlsClientError', (_e, socket) => socket.destroy());
  server.on('connection', (raw: Socket) => {
    raw.on('close', () => rawSockets.delete(raw));
    rawSockets.add(raw);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.port = (server.address() as AddressInfo).port;
  return receiver;
}
