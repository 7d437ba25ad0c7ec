import type { Socket } from 'node:net';
import type { Actor } from './state';

/**
 * How the privileged helper listens and learns who is connecting. One implementation per OS, all
 * serving the same protocol (protocol.ts) to the same IsolationService (docs/isolation.md):
 *   Linux   channel-linux.ts  unix socket, file gate + peer uid from the kernel (/proc, sock_diag)
 *   macOS   channel-mac.ts    two unix sockets, identity by construction (who may open which file)
 *   Windows channel-token.ts  loopback TCP, mutual proof of a secret only the allowed users can read
 */
export type Admission =
  | { ok: true; actor: Actor; admin: boolean }
  | { ok: false; detail: string; rateLimitedSeconds?: number };

/** Lines before the first request: the token channel's handshake runs over them. */
export interface Handshake {
  send(message: Record<string, unknown>): void;
  /** The next line from the peer; null when it closed, sent too much, or took longer than `timeoutMs`. */
  next(timeoutMs: number): Promise<string | null>;
}

/** Called for each accepted connection, with the way to establish who is at the other end. */
export type Accept = (socket: Socket, admit: (handshake: Handshake) => Promise<Admission>) => void;

export interface HelperChannel {
  /** For the helper's log ("unix:/run/mamori/helper.sock", "tcp:127.0.0.1:50123"). */
  readonly description: string;
  start(accept: Accept): Promise<void>;
  stop(): Promise<void>;
}
