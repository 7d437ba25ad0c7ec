import type { Platform } from '../../shared/checks';

/**
 * Everything a probe may touch on the PC goes through a Host. The live host runs commands and
 * reads files; a recording host keeps every raw answer for a support bundle; a bundle host
 * replays them, so the same probe code parses a bundle from a Windows PC on any machine.
 */
export interface CommandSpec {
  file: string;
  args: readonly string[];
  /** Default 10 s. */
  timeoutMs?: number;
  /** Extra environment (e.g. LC_ALL=C for tools whose output we parse). */
  env?: Readonly<Record<string, string>>;
}

/** Raw bytes: Windows tools write in the console code page (CP932 on Japanese Windows), so decoding is the probe's job. */
export interface CommandOutput {
  stdout: Uint8Array;
  stderr: Uint8Array;
  /** null when the process did not exit normally (not started, timed out, killed). */
  exitCode: number | null;
  /** Why it did not run to completion: ENOENT (not installed), EACCES, TIMEOUT, or another system error code. */
  error?: string;
}

export type FileOutput = { content: Uint8Array } | { error: string };
export type DirOutput = { entries: string[] } | { error: string };
export type CallOutput<T> = { value: T } | { error: string };

export interface HostInfo {
  platform: Platform;
  /** OS name and version as the OS reports it (e.g. "Windows 11 Pro 10.0.26100"). */
  osVersion: string;
  /** The user's locale, e.g. ja-JP. */
  locale: string;
  hostname: string;
}

export interface Host {
  readonly info: HostInfo;
  run(spec: CommandSpec): Promise<CommandOutput>;
  readFile(path: string): Promise<FileOutput>;
  readDir(path: string): Promise<DirOutput>;
  /** An environment variable of the agent's own session (e.g. DBUS_SESSION_BUS_ADDRESS). */
  env(name: string): Promise<string | undefined>;
  /**
   * A library call (systeminformation, node-usb) whose JSON-serialisable result is the raw fact.
   * `id` names the call in a bundle, so keep it stable.
   */
  call<T>(id: string, fn: () => Promise<T>): Promise<CallOutput<T>>;
}
