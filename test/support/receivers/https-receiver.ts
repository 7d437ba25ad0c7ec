import type { ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ServerIdentity } from './pki';

export interface HttpsArrival {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** The request body, exactly as received. */
  body: Buffer;
}

/** ok → 200; error → 500; hang → never answers (the client's deadline must fire); redirect → 307. */
export type HttpsMode = 'ok' | 'error' | 'hang' | 'redirect';

export interface HttpsReceiver {
  url: string;
  port: number;
  /** Complete requests only (a body cut short by a killed client is not an arrival). */
  arrivals: HttpsArrival[];
  mode: HttpsMode;
  /** Wait this long between taking a report and answering 200 (a WAN round trip; widens the crash window). */
  answerDelayMs: number;
  /** Present another certificate from now on (wrong-certificate tests). */
  useIdentity(identity: ServerIdentity): void;
  close(): Promise<void>;
}

/** A CSIRT report endpoint on 127.0.0.1 with a certificate from the test PKI. */
export async function startHttpsReceiver(identity: ServerIdentity, port = 0): Promise<HttpsReceiver> {
  const arrivals: HttpsArrival[] = [];
  const hanging = new Set<ServerResponse>();
  const receiver: HttpsReceiver = {
    url: '',
    port: 0,
    arrivals,
    mode: 'ok',
    answerDelayMs: 0,
    useIdentity: (id) => server.setSecureContext(id),
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = https.createServer({ ...identity, minVersion: 'TLSv1.2' }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (Number(req.headers['content-length']) !== body.length) return;
      if (receiver.mode === 'hang') {
        hanging.add(res);
        return;
      }
      if (receiver.mode === 'redirect') {
        res.writeHead(307, { location: 'https://127.0.0.1:1/elsewhere' }).end();
        return;
      }
      const ok = receiver.mode === 'ok';
      if (ok) arrivals.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const answer = () => res.writeHead(ok ? 200 : 500, { 'content-type': 'application/json' }).end('{}');
      if (receiver.answerDelayMs > 0) setTimeout(answer, receiver.answerDelayMs);
      else answer();
    });
  });
  // A client rejecting our (rogue) certificate is expected; close its half-open connection.
  server.on('tlsClientError', (_e, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  receiver.port = (server.address() as AddressInfo).port;
  receiver.url = `https://127.0.0.1:${receiver.port}/reports`;
  return receiver;
}
