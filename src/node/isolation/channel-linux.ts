import { chmod, chown } from 'node:fs/promises';
import type net from 'node:net';
import type { Host } from '../host/host';
import { runText } from '../probes/command';
import type { Accept, Admission, HelperChannel } from './channel';
import type { ConsoleUsers } from './console-user';
import { userName } from './console-user';
import { lookupPeer, SAFE_SOCKET_PATH, type PeerLookup } from './peer';
import { closeServer, listenUnixSocket } from './unix-socket';

export interface LinuxChannelOptions {
  socketPath: string;
  host: Host;
  /** Who may connect besides root: the console user (loginctl), or a fixed list. */
  consoleUsers: ConsoleUsers;
  /** Identifies the peer of a connection; the default reads sock_diag and /proc (peer.ts). */
  identify?: (socket: net.Socket) => Promise<PeerLookup>;
  /** How often the socket's ACL follows the console user (ms). */
  aclRefreshMs?: number;
  /** Who owns the socket and its folder: root (0); tests running unprivileged pass their own uid. */
  ownerUid?: number;
  log?: (event: Record<string, unknown>) => void;
}

/**
 * Linux (docs/isolation.md §1.5). Two gates, both kernel-backed:
 *  - the file: root:root 0600, plus an ACL entry rw for the console user (the kernel refuses connect()
 *    to anyone else);
 *  - the peer: its uid, found from the kernel (peer.ts), must be root (an administrator) or the
 *    console user. This is the authority; it also names the user in the audit log.
 */
export class LinuxSocketChannel implements HelperChannel {
  private server: net.Server | undefined;
  private timer: NodeJS.Timeout | undefined;
  private aclUids: string | undefined;

  constructor(private readonly options: LinuxChannelOptions) {
    if (!SAFE_SOCKET_PATH.test(options.socketPath)) throw new Error(`unsafe socket path: ${options.socketPath}`);
  }

  get description(): string {
    return `unix:${this.options.socketPath}`;
  }

  private get owner(): number {
    return this.options.ownerUid ?? 0;
  }

  async start(accept: Accept): Promise<void> {
    this.server = await listenUnixSocket(this.options.socketPath, this.owner, (socket) => accept(socket, () => this.admit(socket)));
    await this.refreshAcl();
    this.timer = setInterval(() => void this.refreshAcl(), this.options.aclRefreshMs ?? 5000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    const server = this.server;
    this.server = undefined;
    await closeServer(server);
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
      await chown(socketPath, this.owner, this.owner === 0 ? 0 : -1);
      this.aclUids = key;
      this.options.log?.({ event: 'socket-acl', uids });
      return;
    }
    // Without ACL support: the console user owns the socket (mode 0600); the peer uid check still applies.
    await chown(socketPath, uids[0] ?? 0, 0).catch(() => undefined);
    await chmod(socketPath, 0o600).catch(() => undefined);
    this.aclUids = key;
    this.options.log?.({ event: 'socket-owner-fallback', uids, why: out.why });
  }

  private async admit(socket: net.Socket): Promise<Admission> {
    const { host, socketPath } = this.options;
    const who = await (this.options.identify ?? ((s: net.Socket) => lookupPeer(s, host, socketPath)))(socket);
    if (!who.ok) return { ok: false, detail: who.detail };
    const { uid } = who.peer;
    const admin = uid === 0;
    if (!admin && !(await this.options.consoleUsers().catch((): number[] => [])).includes(uid)) {
      return { ok: false, detail: `uid ${uid} is neither root nor the console user` };
    }
    return { ok: true, admin, actor: { uid, user: await userName(host, uid), via: 'socket' } };
  }
}
