import type { Socket } from 'node:net';

/** Why a LineReader gave no (more) lines. */
export type LineEnd = 'closed' | 'too-long' | 'timeout';

/**
 * Newline-delimited lines from a socket, one at a time and in order, for both ends of the helper's
 * channel. A line longer than `maxBytes` ends the reader (the caller answers and closes): a peer
 * cannot make either side buffer without bound.
 */
export class LineReader {
  private buffer = '';
  private readonly lines: string[] = [];
  private waiter: ((line: string | null) => void) | null = null;
  private ended: LineEnd | null = null;

  constructor(
    socket: Socket,
    private readonly maxBytes: number,
  ) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.push(chunk));
    socket.on('end', () => this.end('closed'));
    socket.on('close', () => this.end('closed'));
    socket.on('error', () => this.end('closed'));
    socket.resume();
  }

  /** Why the reader ended, once next() has returned null. */
  get endReason(): LineEnd | null {
    return this.ended;
  }

  /** The next line (without its newline), or null when the reader ended (see `endReason`). */
  next(timeoutMs?: number): Promise<string | null> {
    const queued = this.lines.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve) => {
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => this.end('timeout'), timeoutMs);
      this.waiter = (line) => {
        clearTimeout(timer);
        resolve(line);
      };
    });
  }

  private push(chunk: string): void {
    if (this.ended) return;
    this.buffer += chunk;
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + 1);
      if (Buffer.byteLength(line, 'utf8') > this.maxBytes) return this.end('too-long');
      this.deliver(line);
    }
    if (Buffer.byteLength(this.buffer, 'utf8') > this.maxBytes) this.end('too-long');
  }

  private deliver(line: string): void {
    const waiter = this.waiter;
    this.waiter = null;
    if (waiter) waiter(line);
    else this.lines.push(line);
  }

  private end(why: LineEnd): void {
    if (this.ended) return;
    this.ended = why;
    this.buffer = '';
    const waiter = this.waiter;
    this.waiter = null;
    // Lines already complete are still handed out; the end shows once they are consumed.
    waiter?.(null);
  }
}
