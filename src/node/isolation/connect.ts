import net from 'node:net';
import path from 'node:path';
import type { Platform } from '../../shared/checks';
import { windowsMamoriDir } from '../resources/program-data';
import { ADMIN_TOKEN_FILE, clientHandshake, readTokenFile, TOKEN_FILE, type TokenRole } from './channel-token';
import { LineReader } from './line-reader';
import { DEFAULT_SOCKET_PATH, MAX_LINE_BYTES, Response } from './protocol';

/** Where the helper listens, as a client reaches it (the channels in channel.ts, seen from the other side). */
export type HelperEndpoint =
  | { kind: 'unix'; socketPath: string }
  | { kind: 'token-tcp'; tokenFile: string; as: TokenRole };

export const MAC_SOCKET = '/var/run/mamori/helper.sock';
export const MAC_ADMIN_SOCKET = '/var/run/mamori/admin.sock';
export const windowsHelperDir = (env: NodeJS.ProcessEnv = process.env) => path.win32.join(windowsMamoriDir(env), 'helper');

/** Where a helper was told to listen (`mamori-helper --socket …`); unset: the OS's default. */
export interface EndpointOverrides {
  socketPath?: string | undefined;
  adminSocketPath?: string | undefined;
  tokenDir?: string | undefined;
}

/** The helper of this OS, as the console user (the tray, `mamori report`) or as an administrator (`mamori-helper release`). */
export function helperEndpoint(platform: Platform, role: TokenRole = 'console', overrides: EndpointOverrides = {}): HelperEndpoint {
  switch (platform) {
    case 'linux':
      // One socket: the helper tells root from the console user by the peer's uid.
      return { kind: 'unix', socketPath: overrides.socketPath ?? DEFAULT_SOCKET_PATH };
    case 'darwin':
      return { kind: 'unix', socketPath: role === 'admin' ? (overrides.adminSocketPath ?? MAC_ADMIN_SOCKET) : (overrides.socketPath ?? MAC_SOCKET) };
    case 'win32':
      return { kind: 'token-tcp', tokenFile: path.win32.join(overrides.tokenDir ?? windowsHelperDir(), role === 'admin' ? ADMIN_TOKEN_FILE : TOKEN_FILE), as: role };
  }
}

/** A connection ready for requests, or why there is none (the shapes of client.ts's HelperCall). */
export type Opened =
  | { ok: true; socket: net.Socket; lines: LineReader }
  | { ok: false; kind: 'absent' | 'refused' | 'failed'; detail: string }
  | { ok: false; kind: 'response'; response: Response };

const ABSENT = new Set(['ENOENT', 'ECONNREFUSED', 'ENOTDIR']);
const REFUSED = new Set(['EACCES', 'EPERM']);
const classify = (code: string): Extract<Opened, { kind: 'absent' | 'refused' | 'failed' }> => ({
  ok: false,
  kind: ABSENT.has(code) ? 'absent' : REFUSED.has(code) ? 'refused' : 'failed',
  detail: code,
});

function connect(options: net.NetConnectOpts, deadline: number): Promise<{ ok: true; socket: net.Socket } | Extract<Opened, { kind: 'absent' | 'refused' | 'failed' }>> {
  return new Promise((resolve) => {
    const socket = net.createConnection(options);
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ ok: false, kind: 'failed', detail: 'TIMEOUT' });
    }, Math.max(0, deadline - Date.now()));
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      socket.on('error', () => undefined);
      resolve({ ok: true, socket });
    });
    socket.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(classify(e.code ?? e.message));
    });
  });
}

/** Connects (and, over TCP, runs the mutual handshake) before `deadline` (ms since the epoch). */
export async function openHelperConnection(endpoint: HelperEndpoint, deadline: number): Promise<Opened> {
  if (endpoint.kind === 'unix') {
    const c = await connect({ path: endpoint.socketPath }, deadline);
    return c.ok ? { ok: true, socket: c.socket, lines: new LineReader(c.socket, 4 * MAX_LINE_BYTES) } : c;
  }
  const read = await readTokenFile(endpoint.tokenFile);
  if (!read.ok) return classify(read.code);
  const c = await connect({ host: '127.0.0.1', port: read.token.port }, deadline);
  if (!c.ok) return c;
  const lines = new LineReader(c.socket, 4 * MAX_LINE_BYTES);
  const shake = await clientHandshake(
    read.token.secret,
    endpoint.as,
    (line) => c.socket.write(`${line}\n`),
    () => lines.next(Math.max(0, deadline - Date.now())),
  );
  if (shake.ok) return { ok: true, socket: c.socket, lines };
  c.socket.destroy();
  // The helper refused us (wrong or old secret, rate-limited): its answer is a protocol response.
  const refusal = (() => {
    try {
      return Response.safeParse(JSON.parse(shake.answer ?? ''));
    } catch {
      return null;
    }
  })();
  if (refusal?.success && !refusal.data.ok) return { ok: false, kind: 'response', response: refusal.data };
  return { ok: false, kind: 'failed', detail: lines.endReason === 'timeout' ? 'TIMEOUT' : shake.detail };
}
