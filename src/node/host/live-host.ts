import { execFile } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import type { Platform } from '../../shared/checks';
import type { CallOutput, CommandOutput, CommandSpec, DirOutput, FileOutput, Host, HostInfo } from './host';

const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

const errorCode = (e: unknown): string =>
  e && typeof e === 'object' && 'code' in e && typeof e.code === 'string' ? e.code : e instanceof Error ? e.message : String(e);

/** Probes run on this PC. */
export class LiveHost implements Host {
  readonly info: HostInfo;

  constructor(info?: Partial<HostInfo>) {
    this.info = {
      platform: process.platform as Platform,
      osVersion: `${os.type()} ${os.release()} ${os.version()}`.trim(),
      // ICU's default locale. Asked of PluralRules, not DateTimeFormat: the answer is the same, but a
      // DateTimeFormat loads calendar and time-zone data, about 6 MB that stays resident in the watcher.
      locale: new Intl.PluralRules().resolvedOptions().locale,
      hostname: os.hostname(),
      ...info,
    };
  }

  run(spec: CommandSpec): Promise<CommandOutput> {
    return new Promise((resolve) => {
      execFile(
        spec.file,
        [...spec.args],
        {
          encoding: 'buffer',
          timeout: spec.timeoutMs ?? DEFAULT_TIMEOUT_MS,
          killSignal: 'SIGKILL',
          maxBuffer: MAX_OUTPUT_BYTES,
          windowsHide: true,
          env: spec.env ? { ...process.env, ...spec.env } : process.env,
        },
        (error, stdout, stderr) => {
          const out = { stdout: new Uint8Array(stdout), stderr: new Uint8Array(stderr) };
          if (!error) return resolve({ ...out, exitCode: 0 });
          const e = error as NodeJS.ErrnoException & { killed?: boolean; signal?: string };
          if (typeof e.code === 'number') return resolve({ ...out, exitCode: e.code });
          if (e.killed && e.signal === 'SIGKILL') return resolve({ ...out, exitCode: null, error: 'TIMEOUT' });
          resolve({ ...out, exitCode: null, error: errorCode(e) });
        },
      );
    });
  }

  async readFile(path: string): Promise<FileOutput> {
    try {
      return { content: new Uint8Array(await readFile(path)) };
    } catch (e) {
      return { error: errorCode(e) };
    }
  }

  async readDir(path: string): Promise<DirOutput> {
    try {
      return { entries: (await readdir(path)).sort() };
    } catch (e) {
      return { error: errorCode(e) };
    }
  }

  async env(name: string): Promise<string | undefined> {
    return process.env[name];
  }

  async call<T>(_id: string, fn: () => Promise<T>): Promise<CallOutput<T>> {
    try {
      return { value: await fn() };
    } catch (e) {
      return { error: errorCode(e) };
    }
  }
}
