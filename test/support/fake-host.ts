import type { CallOutput, CommandOutput, CommandSpec, DirOutput, FileOutput, Host, HostInfo } from '../../src/node/host/host';
import { encodeText } from '../../src/node/host/decode';

/** A recorded command answer; omitted streams are empty, exitCode defaults to 0. */
export interface RecordedCommand {
  file: string;
  args: readonly string[];
  stdout?: string | Uint8Array;
  stderr?: string | Uint8Array;
  exitCode?: number | null;
  error?: string;
}

export interface FakeHostSetup {
  commands?: readonly RecordedCommand[];
  /** Asked first: answers that depend on what ran before (a firewall's state); undefined falls through to `commands`. */
  respond?: (spec: CommandSpec) => Omit<RecordedCommand, 'file' | 'args'> | undefined;
  /** Path → content, or an error code such as EACCES. Unlisted paths are ENOENT. */
  files?: Readonly<Record<string, string | Uint8Array | { error: string }>>;
  /** Directory → entries, or an error code. Unlisted directories are ENOENT. */
  dirs?: Readonly<Record<string, readonly string[] | { error: string }>>;
  env?: Readonly<Record<string, string>>;
  /** Library call id → its recorded result. Unlisted calls fail; the real library is never called. */
  calls?: Readonly<Record<string, CallOutput<unknown>>>;
  info?: Partial<HostInfo>;
}

const bytes = (v: string | Uint8Array | undefined) => (v === undefined ? new Uint8Array() : typeof v === 'string' ? encodeText(v) : v);
const sameArgs = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * A Host that answers from recorded outputs, for probe tests on captured data. A command that was
 * not recorded behaves as not installed (ENOENT), as on a PC without the tool. Every command asked
 * is kept in `runs`, so tests can assert what was run and with which environment.
 */
export class FakeHost implements Host {
  readonly info: HostInfo;
  readonly runs: CommandSpec[] = [];
  readonly callIds: string[] = [];

  constructor(private readonly setup: FakeHostSetup = {}) {
    this.info = { platform: 'linux', osVersion: 'Linux (fake)', locale: 'en-US', hostname: 'fake', ...setup.info };
  }

  async run(spec: CommandSpec): Promise<CommandOutput> {
    this.runs.push(spec);
    const recorded = this.setup.respond?.(spec) ?? this.setup.commands?.find((c) => c.file === spec.file && sameArgs(c.args, spec.args));
    if (!recorded) return { stdout: new Uint8Array(), stderr: new Uint8Array(), exitCode: null, error: 'ENOENT' };
    const out: CommandOutput = { stdout: bytes(recorded.stdout), stderr: bytes(recorded.stderr), exitCode: recorded.exitCode === undefined ? 0 : recorded.exitCode };
    return recorded.error === undefined ? out : { ...out, exitCode: null, error: recorded.error };
  }

  async readFile(path: string): Promise<FileOutput> {
    const f = this.setup.files?.[path];
    if (f === undefined) return { error: 'ENOENT' };
    return typeof f === 'object' && 'error' in f ? { error: f.error } : { content: bytes(f as string | Uint8Array) };
  }

  async readDir(path: string): Promise<DirOutput> {
    const d = this.setup.dirs?.[path];
    if (d === undefined) return { error: 'ENOENT' };
    return 'error' in d ? { error: d.error } : { entries: [...(d as readonly string[])] };
  }

  async env(name: string): Promise<string | undefined> {
    return this.setup.env?.[name];
  }

  async call<T>(id: string, _fn: () => Promise<T>): Promise<CallOutput<T>> {
    this.callIds.push(id);
    return (this.setup.calls?.[id] as CallOutput<T> | undefined) ?? { error: `no recorded result for ${id}` };
  }
}
