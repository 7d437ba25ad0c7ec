import net from 'node:net';
import { LineLog } from './lines';

type Reply = { return: unknown } | { error: { class: string; desc: string } };
interface Pending {
  command: string;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * QEMU's machine protocol over its unix socket: newline-delimited JSON. Replies come in request order;
 * lines with "event" are asynchronous (DEVICE_DELETED…) and are kept in a log to wait on.
 */
export class Qmp {
  readonly events = new LineLog('qmp-events');
  private readonly pending: Pending[] = [];
  private greeted!: () => void;
  private readonly greeting = new Promise<void>((resolve) => (this.greeted = resolve));

  private constructor(private readonly socket: net.Socket) {
    const lines = new LineLog('qmp');
    let read = 0;
    socket.on('data', (chunk) => {
      lines.feed(chunk);
      for (; read < lines.lines.length; read++) this.handle(JSON.parse(lines.lines[read]!.text) as Record<string, unknown>);
    });
    socket.on('close', () => {
      for (const p of this.pending.splice(0)) p.reject(new Error(`QMP closed before the reply to ${p.command}`));
      this.events.close();
    });
    socket.on('error', () => undefined); // surfaces as 'close'
  }

  static async connect(socketPath: string): Promise<Qmp> {
    const socket = net.connect(socketPath);
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const qmp = new Qmp(socket);
    await qmp.greeting;
    await qmp.execute('qmp_capabilities');
    return qmp;
  }

  execute<T = unknown>(command: string, args?: Record<string, unknown>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ command, resolve: resolve as (value: unknown) => void, reject });
      this.socket.write(`${JSON.stringify(args ? { execute: command, arguments: args } : { execute: command })}\n`);
    });
  }

  /** device_del is asynchronous: the id (and its drive) may be used again only after DEVICE_DELETED. */
  async deleteDevice(id: string, timeoutMs = 15_000): Promise<void> {
    const from = this.events.cursor;
    await this.execute('device_del', { id });
    const deleted = (text: string) => {
      const event = JSON.parse(text) as { event: string; data?: { device?: string } };
      return event.event === 'DEVICE_DELETED' && event.data?.device === id;
    };
    await this.events.waitFor(deleted, { from, timeoutMs, what: `DEVICE_DELETED ${id}` });
  }

  close(): void {
    this.socket.destroy();
  }

  private handle(message: Record<string, unknown>): void {
    if ('QMP' in message) return this.greeted();
    if ('event' in message) return this.events.feed(`${JSON.stringify(message)}\n`);
    const pending = this.pending.shift();
    if (!pending) return;
    const reply = message as Reply;
    if ('error' in reply) pending.reject(new Error(`QMP ${pending.command}: ${reply.error.desc}`));
    else pending.resolve(reply.return);
  }
}
