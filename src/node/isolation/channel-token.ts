import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import type { Host } from '../host/host';
import { writeFileAtomic } from '../policy/atomic-write';
import type { Accept, Admission, HelperChannel, Handshake } from './channel';
import { ADMIN_ONLY_FOLDER, restrictAcl, SID, type Grant } from './windows-acl';

/**
 * Windows (docs/isolation.md §2.2). Node's named pipes get the default DACL (Everyone may only
 * read), so a standard user's tray could not open one, and Node exposes no GetNamedPipeClientProcessId:
 * the helper listens on 127.0.0.1 (a random port) and who may connect is decided by who can read a
 * secret. At every start the helper writes two files (port + 256-bit secret):
 *   token        SYSTEM, Administrators, INTERACTIVE (users logged on at the PC) read   → console role
 *   admin-token  SYSTEM, Administrators only (an elevated administrator)               → administrator
 * The secret never crosses the socket: each side proves it with an HMAC over both sides' fresh nonces
 * (mutual challenge-response), so a process that grabbed the port while the helper was down learns
 * nothing it could replay, and the tray never believes an impostor ("isolated") that cannot prove it.
 */
export const TOKEN_FILE = 'token';
export const ADMIN_TOKEN_FILE = 'admin-token';
export const HANDSHAKE_TIMEOUT_MS = 5000;

export type TokenRole = 'console' | 'admin';

const Hex32 = z.string().regex(/^[0-9a-f]{64}$/);
export const TokenFile = z.strictObject({ port: z.number().int().min(1).max(65535), secret: Hex32 });
export type TokenFile = z.infer<typeof TokenFile>;
const Challenge = z.strictObject({ challenge: Hex32 });
const ClientProof = z.strictObject({ as: z.enum(['console', 'admin']), nonce: Hex32, proof: Hex32 });
const ServerProof = z.strictObject({ proof: Hex32 });

const mac = (secret: string, ...parts: string[]) => createHmac('sha256', Buffer.from(secret, 'hex')).update(`mamori-helper/1\n${parts.join('\n')}\n`).digest('hex');
export const clientProof = (secret: string, as: TokenRole, challenge: string, nonce: string) => mac(secret, 'client', as, challenge, nonce);
export const serverProof = (secret: string, as: TokenRole, challenge: string, nonce: string) => mac(secret, 'server', as, nonce, challenge);
/** Constant-time comparison of two hex digests of the same length (both validated as Hex32). */
const sameDigest = (a: string, b: string) => timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));

const parseLine = <T>(schema: z.ZodType<T>, line: string | null): T | null => {
  if (line === null) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
};

/** Failed handshakes in the last minute. The secret needs no such guard (256 bits); this bounds the work and log volume a local process can cause. */
export class HandshakeLimit {
  private failures: number[] = [];
  constructor(
    readonly maxFailures = 10,
    readonly windowMs = 60_000,
  ) {}

  /** Seconds until more failures are heard, or null when not limited. */
  limited(now: number): number | null {
    this.failures = this.failures.filter((t) => now - t < this.windowMs);
    return this.failures.length < this.maxFailures ? null : Math.ceil((this.failures[0]! + this.windowMs - now) / 1000);
  }

  failed(now: number): void {
    this.failures.push(now);
  }
}

export interface TokenChannelOptions {
  /** C:\ProgramData\Mamori\helper: the two token files. */
  dir: string;
  host: Host;
  /** Names the console user in the audit log (Win32_ComputerSystem.UserName), null when unknown. */
  consoleUser: () => Promise<string | null>;
  /** 127.0.0.1; never an address another machine can reach. */
  address?: string;
  limit?: HandshakeLimit;
  clock?: () => number;
}

const TOKEN_GRANTS: Record<TokenRole, readonly Grant[]> = {
  console: [`${SID.system}:F`, `${SID.administrators}:F`, `${SID.interactive}:R`],
  admin: [`${SID.system}:F`, `${SID.administrators}:F`],
};

export class TokenChannel implements HelperChannel {
  private server: net.Server | undefined;
  private secrets: Record<TokenRole, string> | undefined;
  private readonly limit: HandshakeLimit;
  private readonly now: () => number;

  constructor(private readonly options: TokenChannelOptions) {
    this.limit = options.limit ?? new HandshakeLimit();
    this.now = options.clock ?? Date.now;
  }

  get description(): string {
    const a = this.server?.address();
    return `tcp:${a && typeof a === 'object' ? `${a.address}:${a.port}` : '-'}`;
  }

  async start(accept: Accept): Promise<void> {
    const { dir, host } = this.options;
    // The folder first, so each new file inherits SYSTEM + Administrators only until its own grant;
    // INTERACTIVE may list the folder (not inherited by the files).
    await restrictAcl(host, dir, [...ADMIN_ONLY_FOLDER, `${SID.interactive}:(RX)`]);
    const server = net.createServer({ pauseOnConnect: true }, (socket) => accept(socket, (h) => this.admit(h)));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: this.options.address ?? '127.0.0.1', port: 0, exclusive: true }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const { port } = server.address() as net.AddressInfo;
    // New secrets at every start: a copy read earlier (by a user since logged off) stops working.
    this.secrets = { console: randomBytes(32).toString('hex'), admin: randomBytes(32).toString('hex') };
    for (const role of ['admin', 'console'] as const) {
      const file = path.join(dir, role === 'admin' ? ADMIN_TOKEN_FILE : TOKEN_FILE);
      await writeFileAtomic(file, `${JSON.stringify({ port, secret: this.secrets[role] } satisfies TokenFile)}\n`, 0o600);
      await restrictAcl(host, file, TOKEN_GRANTS[role]);
    }
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async admit(handshake: Handshake): Promise<Admission> {
    const secrets = this.secrets;
    if (!secrets) return { ok: false, detail: 'not started' };
    const challenge = randomBytes(32).toString('hex');
    handshake.send({ challenge });
    const hello = parseLine(ClientProof, await handshake.next(HANDSHAKE_TIMEOUT_MS));
    const right = hello !== null && sameDigest(hello.proof, clientProof(secrets[hello.as], hello.as, challenge, hello.nonce));
    if (!hello || !right) {
      const now = this.now();
      const limited = this.limit.limited(now);
      this.limit.failed(now);
      return limited === null ? { ok: false, detail: hello ? 'wrong proof' : 'no valid handshake' } : { ok: false, detail: 'handshakes rate-limited', rateLimitedSeconds: limited };
    }
    handshake.send({ proof: serverProof(secrets[hello.as], hello.as, challenge, hello.nonce) });
    if (hello.as === 'admin') return { ok: true, admin: true, actor: { user: 'elevated administrator', via: 'socket' } };
    const user = await this.options.consoleUser().catch(() => null);
    return { ok: true, admin: false, actor: { user: user ?? 'interactive user', via: 'socket' } };
  }
}

// ---- the client's half (connect.ts) ------------------------------------------------------------

export type TokenRead = { ok: true; token: TokenFile } | { ok: false; code: string };

/** The port and secret, if this user may read them (ENOENT: no helper; EACCES/EPERM: not allowed). */
export async function readTokenFile(file: string): Promise<TokenRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return { ok: false, code: (e as NodeJS.ErrnoException).code ?? String(e) };
  }
  const token = parseLine(TokenFile, text.trim());
  return token ? { ok: true, token } : { ok: false, code: 'EINVAL' };
}

export type ClientHandshake = { ok: true } | { ok: false; answer: string | null; detail: string };

/** Answers the helper's challenge and checks its proof; a helper that cannot prove the secret is not trusted. */
export async function clientHandshake(secret: string, as: TokenRole, send: (line: string) => void, next: () => Promise<string | null>): Promise<ClientHandshake> {
  const greeting = await next();
  const challenge = parseLine(Challenge, greeting);
  if (!challenge) return { ok: false, answer: greeting, detail: 'no challenge from the helper' };
  const nonce = randomBytes(32).toString('hex');
  send(JSON.stringify({ as, nonce, proof: clientProof(secret, as, challenge.challenge, nonce) }));
  const reply = await next();
  const proof = parseLine(ServerProof, reply);
  if (!proof) return { ok: false, answer: reply, detail: 'no proof from the helper' };
  if (!sameDigest(proof.proof, serverProof(secret, as, challenge.challenge, nonce))) return { ok: false, answer: null, detail: 'the helper could not prove the secret' };
  return { ok: true };
}
