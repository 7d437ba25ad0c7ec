import type { ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TestPki } from './receivers/pki';
import { useWithTestCa } from './use-test-ca';

/** A policy server on 127.0.0.1 with the test CA's certificate: ETags, 304, 500 and a server that never answers. */
export interface PolicyServer {
  url: string;
  mode: 'ok' | 'error' | 'hang';
  files: Map<string, { body: Buffer; etag?: string }>;
  requests: { url: string; ifNoneMatch: string | undefined }[];
  server: https.Server;
  close(): Promise<void>;
}

export async function startPolicyServer(pki: TestPki): Promise<PolicyServer> {
  const hanging = new Set<ServerResponse>();
  const s: PolicyServer = {
    url: '',
    mode: 'ok',
    files: new Map(),
    requests: [],
    server: https.createServer({ ...pki.server }, (req, res) => {
      const ifNoneMatch = req.headers['if-none-match'];
      s.requests.push({ url: req.url ?? '', ifNoneMatch: typeof ifNoneMatch === 'string' ? ifNoneMatch : undefined });
      if (s.mode === 'hang') return void hanging.add(res);
      if (s.mode === 'error') return void res.writeHead(500).end('internal error');
      const file = s.files.get(req.url ?? '');
      if (!file) return void res.writeHead(404).end();
      if (file.etag && ifNoneMatch === file.etag) return void res.writeHead(304, { etag: file.etag }).end();
      res.writeHead(200, { 'content-type': 'application/json', ...(file.etag && { etag: file.etag }) }).end(file.body);
    }),
    close: async () => {
      for (const res of hanging) res.destroy();
      s.server.closeAllConnections();
      await new Promise<void>((resolve) => s.server.close(() => resolve()));
    },
  };
  s.server.on('tlsClientError', (_e, socket) => socket.destroy());
  await new Promise<void>((resolve) => s.server.listen(0, '127.0.0.1', resolve));
  s.url = `https://127.0.0.1:${(s.server.address() as AddressInfo).port}/mamori/policy.json`;
  return s;
}

/** A policy server for one describe block or file, as `srv`, with its test CA as `pki`. */
export const usePolicyServer = () => useWithTestCa('srv', startPolicyServer);
