import type net from 'node:net';
import { LineLog } from './lines';

export interface ExecResult {
  rc: number;
  out: string;
}

/**
 * Shell commands in the guest over a serial port (the guest's side is guest/rootfs/etc/e2e/exec-loop.sh):
 * the host sends "<base64 command> <id>", the guest answers with the output and "__RC_<id>=<status>".
 * One command at a time, so each output is exactly the lines before its terminator.
 */
export class ExecChannel {
  private readonly log = new LineLog('exec');
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk) => this.log.feed(chunk));
    socket.on('close', () => this.log.close());
    socket.on('error', () => undefined); // surfaces as 'close'
  }

  run(command: string, timeoutMs = 30_000): Promise<ExecResult> {
    const result = this.queue.then(() => this.send(command, timeoutMs));
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Runs a command that must succeed; its output. */
  async check(command: string, timeoutMs?: number): Promise<string> {
    const { rc, out } = await this.run(command, timeoutMs);
    if (rc !== 0) throw new Error(`guest command failed (${rc}): ${command}\n${out}`);
    return out;
  }

  /** Writes a file in the guest (root-owned, as a machine policy must be). */
  async writeFile(path: string, content: string, mode = '0644'): Promise<void> {
    const data = Buffer.from(content).toString('base64');
    await this.check(`mkdir -p "$(dirname ${path})" && echo ${data} | base64 -d > ${path} && chmod ${mode} ${path}`);
  }

  private async send(command: string, timeoutMs: number): Promise<ExecResult> {
    const id = this.nextId++;
    const from = this.log.cursor;
    this.socket.write(`${Buffer.from(command).toString('base64')} ${id}\n`);
    // A last line without a newline ends up in front of the terminator.
    const terminator = new RegExp(`__RC_${id}=(\\d+)$`);
    const { line, index } = await this.log.waitFor(terminator, { from, timeoutMs, what: `the end of "${command.slice(0, 60)}…"` });
    const last = line.text.replace(terminator, '');
    const out = [...this.log.lines.slice(from, index).map((l) => l.text), ...(last ? [last] : [])].join('\n');
    return { rc: Number(terminator.exec(line.text)![1]), out };
  }
}
