import type { CallOutput, CommandOutput, CommandSpec, DirOutput, FileOutput, Host, HostInfo } from './host';
import type { Bundle, BundleRecord } from './bundle-format';
import { commandKey, fromBytes } from './bundle-format';

/** What a replay answers for anything the bundle did not record: the probe then reports unknown. */
export const NOT_IN_BUNDLE = 'NOT_IN_BUNDLE';

type Of<T extends BundleRecord['type']> = Extract<BundleRecord, { type: T }>;

/** Answers the probes from a support bundle instead of the PC: same probes, same parsers, same rules. */
export class BundleHost implements Host {
  readonly info: HostInfo;
  private readonly commands = new Map<string, Of<'command'>>();
  private readonly files = new Map<string, Of<'file'>>();
  private readonly dirs = new Map<string, Of<'dir'>>();
  private readonly envs = new Map<string, Of<'env'>>();
  private readonly calls = new Map<string, Of<'call'>>();

  constructor(bundle: Bundle) {
    this.info = bundle.host;
    // The first answer recorded for a request is the one replayed, as the probe saw it first.
    for (const r of bundle.records) {
      const [map, key] = ((): [Map<string, BundleRecord>, string] => {
        switch (r.type) {
          case 'command': return [this.commands, commandKey(r.file, r.args)];
          case 'file': return [this.files, r.path];
          case 'dir': return [this.dirs, r.path];
          case 'env': return [this.envs, r.name];
          case 'call': return [this.calls, r.id];
        }
      })();
      if (!map.has(key)) map.set(key, r);
    }
  }

  async run(spec: CommandSpec): Promise<CommandOutput> {
    const r = this.commands.get(commandKey(spec.file, spec.args));
    if (!r) return { stdout: new Uint8Array(), stderr: new Uint8Array(), exitCode: null, error: NOT_IN_BUNDLE };
    return { stdout: fromBytes(r.stdout), stderr: fromBytes(r.stderr), exitCode: r.exitCode, ...(r.error !== null && { error: r.error }) };
  }

  async readFile(path: string): Promise<FileOutput> {
    const r = this.files.get(path);
    if (!r) return { error: NOT_IN_BUNDLE };
    return r.content ? { content: fromBytes(r.content) } : { error: r.error ?? NOT_IN_BUNDLE };
  }

  async readDir(path: string): Promise<DirOutput> {
    const r = this.dirs.get(path);
    if (!r) return { error: NOT_IN_BUNDLE };
    return r.entries ? { entries: r.entries } : { error: r.error ?? NOT_IN_BUNDLE };
  }

  async env(name: string): Promise<string | undefined> {
    return this.envs.get(name)?.value ?? undefined;
  }

  async call<T>(id: string): Promise<CallOutput<T>> {
    const r = this.calls.get(id);
    if (!r) return { error: NOT_IN_BUNDLE };
    return r.error !== null ? { error: r.error } : { value: r.value as T };
  }
}
