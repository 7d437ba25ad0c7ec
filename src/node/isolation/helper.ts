import type net from 'node:net';
import type { Admission, HelperChannel, Handshake } from './channel';
import { LineReader } from './line-reader';
import { MAX_LINE_BYTES, parseRequestLine, type Request, type Response } from './protocol';
import type { IsolationService, Outcome } from './service';

export interface HelperOptions {
  /** How the helper listens and who may connect (one per OS, see channel.ts). */
  channel: HelperChannel;
  service: IsolationService;
  /** How often the rules are checked and put back if something removed them (ms); 0 = never. */
  watchdogMs?: number;
  idleTimeoutMs?: number;
  maxConnections?: number;
  log?: (event: Record<string, unknown>) => void;
}

const toResponse = (op: Request['op'], outcome: Outcome): Response =>
  outcome.ok
    ? { ok: true, op, status: outcome.status }
    : {
        ok: false,
        error: outcome.error,
        ...(outcome.detail !== undefined ? { detail: outcome.detail.slice(0, 2000) } : {}),
        ...(outcome.retryAfterSeconds !== undefined ? { retryAfterSeconds: outcome.retryAfterSeconds } : {}),
      };

type Admitted = Extract<Admission, { ok: true }>;

/**
 * The privileged helper: whatever the channel, a connection is first admitted (the channel says who
 * it is and whether that is an administrator), then serves one request a line, in order, with the
 * same limits everywhere (8 KiB a line, idle timeout, a cap on connections). Administrators may do
 * everything; the console user may isolate, ask the status, and release with the policy's code.
 */
export class Helper {
  private timers: NodeJS.Timeout[] = [];
  private readonly sockets = new Set<net.Socket>();

  constructor(private readonly options: HelperOptions) {}

  private log(event: Record<string, unknown>): void {
    this.options.log?.(event);
  }

  async start(): Promise<void> {
    await this.options.channel.start((socket, admit) => void this.handle(socket, admit));
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
    for (const socket of this.sockets) socket.destroy();
    await this.options.channel.stop();
  }

  private async handle(socket: net.Socket, admit: (handshake: Handshake) => Promise<Admission>): Promise<void> {
    socket.on('error', () => undefined);
    if (this.sockets.size >= (this.options.maxConnections ?? 16)) {
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.setTimeout(this.options.idleTimeoutMs ?? 30_000, () => socket.destroy());
    const send = (r: Response | Record<string, unknown>) => {
      if (!socket.destroyed) socket.write(`${JSON.stringify(r)}\n`);
    };
    const lines = new LineReader(socket, MAX_LINE_BYTES);
    const tooLong = () => {
      send({ ok: false, error: 'bad-request', detail: 'line too long' });
      socket.destroy();
    };

    const accepted = Date.now();
    let who: Admission;
    try {
      who = await admit({ send, next: (timeoutMs) => lines.next(timeoutMs) });
    } catch (e) {
      who = { ok: false, detail: `identification failed: ${String(e)}` };
    }
    if (!who.ok) {
      if (lines.endReason === 'too-long') return tooLong();
      this.log({ event: 'refused', detail: who.detail });
      send(who.rateLimitedSeconds !== undefined ? { ok: false, error: 'rate-limited', retryAfterSeconds: who.rateLimitedSeconds } : { ok: false, error: 'not-authorized' });
      socket.end();
      return;
    }
    this.log({ event: 'connected', actor: who.actor, admin: who.admin, ms: Date.now() - accepted });

    for (;;) {
      const line = await lines.next();
      if (line === null) {
        if (lines.endReason === 'too-long') tooLong();
        return;
      }
      try {
        send(await this.answer(line, who));
      } catch (e) {
        this.log({ event: 'request-error', error: String(e) });
        send({ ok: false, error: 'internal' });
      }
    }
  }

  private async answer(line: string, who: Admitted): Promise<Response> {
    const parsed = parseRequestLine(line);
    if (!parsed.ok) return { ok: false, error: 'bad-request', detail: parsed.detail };
    const req = parsed.request;
    const started = Date.now();
    const response = await this.perform(req, who);
    this.log({ event: 'request', op: req.op, user: who.actor.user, admin: who.admin, ok: response.ok, ...(response.ok ? {} : { error: response.error }), ms: Date.now() - started });
    return response;
  }

  private async perform(req: Request, who: Admitted): Promise<Response> {
    const { service } = this.options;
    switch (req.op) {
      case 'status':
        return toResponse('status', await service.status());
      case 'isolate':
        return toResponse('isolate', await service.isolate(who.actor, req.reason));
      case 'release':
        return toResponse('release', await service.release({ actor: who.actor, admin: who.admin }, req.code, req.reason));
    }
  }
}
