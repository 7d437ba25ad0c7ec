import { chmod, chown, lstat, mkdir, unlink } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { Host } from '../host/host';
import { runText } from '../probes/command';
import type { ConsoleUsers } from './console-user';
import { userName } from './console-user';
import type { PeerLookup } from './peer';
import { lookupPeer, SAFE_SOCKET_PATH } from './peer';
import { MAX_LINE_BYTES, parseRequestLine, type Request, type Response } from './protocol';
import type { IsolationService, Outcome } from './service';
import type { Actor } from './state';

export interface HelperOptions {
  socketPath: string;
  service: IsolationService;
  host: Host;
  /** Who may connect besides root: the console user (loginctl), or a fixed list. */
  consoleUsers: ConsoleUsers;
  /** Identifies the peer of a connection; the default reads sock_diag and /proc (peer.ts). */
  identify?: (socket: net.Socket) => Promise<PeerLookup>;
  /** How often the socket's ACL follows the console user (ms). */
  aclRefreshMs?: number;
  /** How often the rules are checked and put back if something removed them (ms); 0 = never. */
  watchdogMs?: number;
  idleTimeoutMs?: number;
  maxConnections?: number;
  /** Who owns the socket and its folder: root (0); tests running unprivileged pass their own uid. */
  ownerUid?: number;
  log?: (event: Record<string, unknown>) => void;
}

type Role = 'admin' | 'console';

const toResponse = (op: Request['op'], outcome: Outcome): Response =>
  outcome.ok
    ? { ok: true, op, status: outcome.status }
    : {
        ok: false,
        error: outcome.error,
        ...(outcome.detail !== undefined ? { detail: outcome.detail.slice(0, 2000) } : {}),
        ...(outcome.retryAfterSeconds !== undefined ? { retryAfterSeconds: outcome.retryAfterSeconds } : {}),
      };

/**
 * The privileged helper's socket. Two gates, both must pass:
 *  - the file: root:root 0600, plus an ACL entry rw for the console user (the kernel refuses connect()
 *    to anyone else);
 *  - the peer: its uid, found from the kernel (peer.ts), must be root or the console user.
 * Root may do everything; the console user may isolate, ask the status, and release with the code.
 */
export class Helper {
  private server: net.Server | undefined;
  private timers: NodeJS.Timeout[] = [];
  private aclUids: string | undefined;
  private readonly sockets = new Set<net.Socket>();

  constructor(private readonly options: HelperOptions) {
    if (!SAFE_SOCKET_PATH.test(options.socketPath)) throw new Error(`unsafe socket path: ${options.socketPath}`);
  }

  private log(event: Record<string, unknown>): void {
    this.options.log?.(event);
  }

  async start(): Promise<void> {
    const { socketPath } = this.options;
    const dir = path.dirname(socketPath);
    await mkdir(dir, { recursive: true, mode: 0o755 });
    const owner = this.options.ownerUid ?? 0;
    const d = await lstat(dir);
    if (!d.isDirectory() || d.uid !== owner || (d.mode & 0o022) !== 0) throw new Error(`${dir} must be a directory owned by uid ${owner} that others cannot write`);
    const existing = await lstat(socketPath).catch(() => null);
    if (existing) {
      if (!existing.isSocket()) throw new Error(`${socketPath} exists and is not a socket`);
      await unlink(socketPath); // left by a helper that was killed
    }
    const server = net.createServer({ pauseOnConnect: true }, (socket) => void this.handle(socket));
    server.maxConnections = this.options.maxConnections ?? 16;
    // Created with no permissions for group and others from the first instant (no window before chmod).
    const umask = process.umask(0o177);
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(socketPath, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } finally {
      process.umask(umask);
    }
    this.server = server;
    await chown(socketPath, owner, owner === 0 ? 0 : -1);
    await chmod(socketPath, 0o600);
    await this.refreshAcl();
    const aclTimer = setInterval(() => void this.refreshAcl(), this.options.aclRefreshMs ?? 5000);
    aclTimer.unref();
    this.timers.push(aclTimer);
    const watchdogMs = this.options.watchdogMs ?? 10_000;
    if (watchdogMs > 0) {
      const watchdog = setInterval(() => void this.options.service.enforce().catch((e: unknown) => this.log({ event: 'watchdog-error', error: String(e) })), watchdogMs);
      watchdog.unref();
      this.timers.push(watchdog);
    }
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Gives the console user (and only them) the right to connect: setfacl, or ownership where ACLs are unavailable. */
  async refreshAcl(): Promise<void> {
    const uids = (await this.options.consoleUsers().catch((): number[] => [])).filter((u) => Number.isInteger(u) && u > 0);
    const key = uids.join(',');
    if (key === this.aclUids) return;
    const { socketPath, host } = this.options;
    const acl = ['u::rw-', 'g::---', 'o::---', ...uids.map((u) => `u:${u}:rw-`), ...(uids.length > 0 ? ['m::rw-'] : [])].join(',');
    const out = await runText(host, { file: 'setfacl', args: ['--set', acl, socketPath], env: { LC_ALL: 'C' } });
    if (out.ok) {
      await chown(socketPath, this.options.ownerUid ?? 0, (this.options.ownerUid ?? 0) === 0 ? 0 : -1);
      this.aclUids = key;
      this.log({ event: 'socket-acl', uids });
      return;
    }
    // Without ACL support: the console user owns the socket (mode 0600); the peer uid check still applies.
    await chown(socketPath, uids[0] ?? 0, 0).catch(() => undefined);
    await chmod(socketPath, 0o600).catch(() => undefined);
    this.aclUids = key;
    this.log({ event: 'socket-owner-fallback', uids, why: out.why });
  }

  private async role(uid: number): Promise<Role | null> {
    if (uid === 0) return 'admin';
    return (await this.options.consoleUsers().catch((): number[] => [])).includes(uid) ? 'console' : null;
  }

  private async handle(socket: net.Socket): Promise<void> {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.setTimeout(this.options.idleTimeoutMs ?? 30_000, () => socket.destroy());
    const send = (r: Response) => {
      if (!socket.destroyed) socket.write(`${JSON.stringify(r)}\n`);
    };
    const refuse = () => {
      send({ ok: false, error: 'not-authorized' });
      socket.end();
      socket.resume(); // read (and drop) to the peer's end, so the connection closes
    };
    let actor: Actor;
    const accepted = Date.now();
    try {
      const identify = this.options.identify ?? ((s: net.Socket) => lookupPeer(s, this.options.host, this.options.socketPath));
      const who = await identify(socket);
      const role = who.ok ? await this.role(who.peer.uid) : null;
      if (!who.ok || !role) {
        this.log({ event: 'refused', detail: who.ok ? `uid ${who.peer.uid} is neither root nor the console user` : who.detail });
        refuse();
        return;
      }
      actor = { uid: who.peer.uid, user: await userName(this.options.host, who.peer.uid), via: 'socket' };
      this.log({ event: 'connected', uid: actor.uid, user: actor.user, pids: who.peer.pids, ms: Date.now() - accepted });
    } catch (e) {
      this.log({ event: 'identify-error', error: String(e) });
      refuse();
      return;
    }

    let buffer = '';
    let busy = Promise.resolve();
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      if (Buffer.byteLength(buffer, 'utf8') > MAX_LINE_BYTES && !buffer.includes('\n')) {
        send({ ok: false, error: 'bad-request', detail: 'line too long' });
        socket.destroy();
        return;
      }
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        busy = busy.then(() => this.answer(line, actor)).then(send, (e: unknown) => {
          this.log({ event: 'request-error', error: String(e) });
          send({ ok: false, error: 'internal' });
        });
      }
    });
    socket.resume();
  }

  private async answer(line: string, actor: Actor): Promise<Response> {
    const parsed = parseRequestLine(line);
    if (!parsed.ok) return { ok: false, error: 'bad-request', detail: parsed.detail };
    const req = parsed.request;
    const started = Date.now();
    const response = await this.perform(req, actor);
    this.log({ event: 'request', op: req.op, uid: actor.uid, ok: response.ok, ...(response.ok ? {} : { error: response.error }), ms: Date.now() - started });
    return response;
  }

  private async perform(req: Request, actor: Actor): Promise<Response> {
    const { service } = this.options;
    switch (req.op) {
      case 'status':
        return toResponse('status', await service.status());
      case 'isolate':
        return toResponse('isolate', await service.isolate(actor, req.reason));
      case 'release':
        return toResponse('release', await service.release(actor, req.code, req.reason));
    }
  }
}
