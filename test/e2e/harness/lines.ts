import { performance } from 'node:perf_hooks';
import { StringDecoder } from 'node:string_decoder';

/** One line a guest wrote, with the host's monotonic time (performance.now(), ms) of its arrival. */
export interface Line {
  text: string;
  at: number;
}

export type LineMatch = RegExp | ((text: string) => boolean);

const matches = (match: LineMatch, text: string) => (typeof match === 'function' ? match(text) : match.test(text));

/**
 * The lines of one guest output (console, exec channel, Mamori's events), kept from the start so a wait
 * can begin at any earlier cursor: lines that arrived in one chunk, or before the wait began, are never missed.
 */
export class LineLog {
  readonly lines: Line[] = [];
  private partial = '';
  /** A UTF-8 character split across two chunks (Japanese in Mamori's messages) is decoded whole. */
  private readonly decoder = new StringDecoder('utf8');
  private closed = false;
  private readonly listeners = new Set<() => void>();

  constructor(readonly name: string) {}

  /** Index of the next line to arrive: wait from here to see only what comes after an action. */
  get cursor(): number {
    return this.lines.length;
  }

  feed(chunk: Buffer | string): void {
    const at = performance.now();
    const parts = (this.partial + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk))).split('\n');
    this.partial = parts.pop()!;
    for (const part of parts) this.lines.push({ text: part.replace(/\r$/, ''), at });
    if (parts.length > 0) this.notify();
  }

  close(): void {
    this.closed = true;
    this.notify();
  }

  /** The first line at or after `from` that matches, with its index. */
  waitFor(match: LineMatch, options: { from?: number; timeoutMs: number; what: string }): Promise<{ line: Line; index: number }> {
    let index = options.from ?? 0;
    return new Promise((resolve, reject) => {
      const check = () => {
        for (; index < this.lines.length; index++) {
          if (matches(match, this.lines[index]!.text)) return finish(() => resolve({ line: this.lines[index]!, index }));
        }
        if (this.closed) finish(() => reject(new Error(`${this.name} ended while waiting for ${options.what}\n${this.tail()}`)));
      };
      const timer = setTimeout(
        () => finish(() => reject(new Error(`${options.what}: not seen on ${this.name} within ${options.timeoutMs} ms\n${this.tail()}`))),
        options.timeoutMs,
      );
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        this.listeners.delete(check);
        settle();
      };
      this.listeners.add(check);
      check();
    });
  }

  /** The last lines, for error messages. */
  tail(count = 30): string {
    return this.lines
      .slice(-count)
      .map((l) => `  ${this.name}| ${l.text}`)
      .join('\n');
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
