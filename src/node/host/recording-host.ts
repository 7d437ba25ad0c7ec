import { performance } from 'node:perf_hooks';
import type { CallOutput, CommandOutput, CommandSpec, DirOutput, FileOutput, Host, HostInfo } from './host';
import type { BundleRecord } from './bundle-format';
import { toBytes } from './bundle-format';

/** Passes every request to another host and keeps its raw answer, for `mamori collect`. */
export class RecordingHost implements Host {
  readonly records: BundleRecord[] = [];

  constructor(private readonly inner: Host) {}

  get info(): HostInfo {
    return this.inner.info;
  }

  async run(spec: CommandSpec): Promise<CommandOutput> {
    const t0 = performance.now();
    const out = await this.inner.run(spec);
    this.records.push({
      type: 'command',
      file: spec.file,
      args: [...spec.args],
      exitCode: out.exitCode,
      error: out.error ?? null,
      stdout: toBytes(out.stdout),
      stderr: toBytes(out.stderr),
      durationMs: Math.round(performance.now() - t0),
    });
    return out;
  }

  async readFile(path: string): Promise<FileOutput> {
    const out = await this.inner.readFile(path);
    this.records.push('content' in out ? { type: 'file', path, content: toBytes(out.content), error: null } : { type: 'file', path, content: null, error: out.error });
    return out;
  }

  async readDir(path: string): Promise<DirOutput> {
    const out = await this.inner.readDir(path);
    this.records.push('entries' in out ? { type: 'dir', path, entries: out.entries, error: null } : { type: 'dir', path, entries: null, error: out.error });
    return out;
  }

  async env(name: string): Promise<string | undefined> {
    const value = await this.inner.env(name);
    this.records.push({ type: 'env', name, value: value ?? null });
    return value;
  }

  async call<T>(id: string, fn: () => Promise<T>): Promise<CallOutput<T>> {
    const out = await this.inner.call(id, fn);
    // Keep the value as JSON sees it, which is what a replay gets back.
    const value = 'value' in out ? (JSON.parse(JSON.stringify(out.value ?? null)) as unknown) : null;
    this.records.push({ type: 'call', id, value, error: 'error' in out ? out.error : null });
    return out;
  }
}
