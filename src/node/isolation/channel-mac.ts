import type net from 'node:net';
import type { Host } from '../host/host';
import { runText } from '../probes/command';
import type { Accept, Admission, HelperChannel } from './channel';
import type { ConsoleUser } from './console-user';
import { closeServer, listenUnixSocket } from './unix-socket';

export interface MacChannelOptions {
  /** Root and the console user: isolate, status, release with the code. */
  socketPath: string;
  /** Root only: administrator release (`mamori-helper release`). */
  adminSocketPath: string;
  host: Host;
  /** The user at the console now (owner of /dev/console), or null at the login window. */
  consoleUser: () => Promise<ConsoleUser | null>;
  aclRefreshMs?: number;
  /** Who owns the sockets and their folder: root (0); tests running unprivileged pass their own uid. */
  ownerUid?: number;
  log?: (event: Record<string, unknown>) => void;
}

/** Account names an ACL entry may carry: nothing a chmod ACL string could misread. */
const ACL_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$/;

/**
 * macOS (docs/isolation.md §3.2). Node exposes neither getpeereid() nor LOCAL_PEERCRED, so identity
 * comes from who may open which socket, which the kernel enforces at connect():
 *  - `socketPath`: root 0600 plus one ACL entry `allow read,write` for the console user (the owner
 *    stays root, so that user cannot chmod it open to others); whoever connects is the console user
 *    (or root, which we then record as the console user: root has the admin socket for its own acts);
 *  - `adminSocketPath`: root 0600 and no ACL: whoever connects is root, an administrator.
 */
export class MacSocketChannel implements HelperChannel {
  private servers: net.Server[] = [];
  private timer: NodeJS.Timeout | undefined;
  private aclUser: string | null | undefined;

  constructor(private readonly options: MacChannelOptions) {}

  get description(): string {
    return `unix:${this.options.socketPath} unix:${this.options.adminSocketPath}`;
  }

  async start(accept: Accept): Promise<void> {
    const owner = this.options.ownerUid ?? 0;
    this.servers.push(await listenUnixSocket(this.options.adminSocketPath, owner, (socket) => accept(socket, async () => this.admitAdmin())));
    this.servers.push(await listenUnixSocket(this.options.socketPath, owner, (socket) => accept(socket, () => this.admitConsole())));
    await this.refreshAcl();
    this.timer = setInterval(() => void this.refreshAcl(), this.options.aclRefreshMs ?? 5000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    const servers = this.servers;
    this.servers = [];
    await Promise.all(servers.map(closeServer));
  }

  /** Replaces the socket's ACL with one entry for the console user; with none, only root can connect. */
  async refreshAcl(): Promise<void> {
    const user = await this.options.consoleUser().catch(() => null);
    const name = user && ACL_NAME.test(user.name) ? user.name : null;
    if (name === this.aclUser) return;
    const { host, socketPath } = this.options;
    const cleared = await runText(host, { file: '/bin/chmod', args: ['-N', socketPath] });
    const granted = cleared.ok && name ? await runText(host, { file: '/bin/chmod', args: ['+a', `user:${name} allow read,write`, socketPath] }) : cleared;
    if (!granted.ok) {
      // Fail closed: nobody but root can connect; the tray then tells the user to pull the cable.
      this.options.log?.({ event: 'socket-acl-failed', user: name, why: granted.why });
      this.aclUser = undefined;
      return;
    }
    this.aclUser = name;
    this.options.log?.({ event: 'socket-acl', user: name });
  }

  private admitAdmin(): Admission {
    return { ok: true, admin: true, actor: { uid: 0, user: 'root', via: 'socket' } };
  }

  private async admitConsole(): Promise<Admission> {
    const user = await this.options.consoleUser().catch(() => null);
    if (!user) return { ok: false, detail: 'nobody is logged in at the console' };
    return { ok: true, admin: false, actor: { uid: user.uid, user: user.name, via: 'socket' } };
  }
}
