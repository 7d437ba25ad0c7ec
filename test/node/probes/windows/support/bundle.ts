import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Bundle, BundleRecord } from '../../../../../src/node/host/bundle-format';
import { BUNDLE_FORMAT, toBytes } from '../../../../../src/node/host/bundle-format';
import { BundleHost } from '../../../../../src/node/host/bundle-host';
import { repoRoot } from '../../../../support/policy';
import { encodeCp932 } from './cp932';

/** The System32 tools as the Windows probes run them when SystemRoot is C:\Windows (the default here). */
export const REG = 'C:\\Windows\\System32\\reg.exe';
export const POWERCFG = 'C:\\Windows\\System32\\powercfg.exe';
export const NETSH = 'C:\\Windows\\System32\\netsh.exe';
export const TASKLIST = 'C:\\Windows\\System32\\tasklist.exe';
export const PNPUTIL = 'C:\\Windows\\System32\\pnputil.exe';

export const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(repoRoot, 'test', 'fixtures', 'win', name)));
export const fixtureText = (name: string): string => new TextDecoder().decode(fixture(name));
export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

export interface Answer {
  stdout?: Uint8Array | string;
  stderr?: Uint8Array | string;
  exitCode?: number | null;
  /** ENOENT, TIMEOUT, EACCES…: the command did not run to completion. */
  error?: string;
}

const bytes = (b: Uint8Array | string | undefined) => (typeof b === 'string' ? utf8(b) : (b ?? new Uint8Array()));

/** One recorded command, exactly as a RecordingHost on the PC would have stored it. */
export function command(file: string, args: readonly string[], answer: Answer): BundleRecord {
  return {
    type: 'command',
    file,
    args: [...args],
    exitCode: answer.error !== undefined ? null : (answer.exitCode ?? 0),
    error: answer.error ?? null,
    stdout: toBytes(bytes(answer.stdout)),
    stderr: toBytes(bytes(answer.stderr)),
    durationMs: 12,
  };
}

export function windowsBundle(records: BundleRecord[], locale = 'ja-JP'): Bundle {
  return {
    format: BUNDLE_FORMAT,
    version: 1,
    createdAt: '2026-11-26T09:00:00.000Z',
    mamoriVersion: '0.1.0',
    host: { platform: 'win32', osVersion: 'Windows 11 Pro 10.0.26100', locale, hostname: 'KAKU-PC-014' },
    records,
  };
}

/** A BundleHost replaying these records: the path `mamori check --bundle` takes. */
export const replay = (records: BundleRecord[], locale?: string) => new BundleHost(windowsBundle(records, locale));

/** reg.exe's answer for a key that does not exist (stderr, exit 1) on English Windows. */
export const REG_NOT_FOUND_EN: Answer = { stderr: 'ERROR: The system was unable to find the specified registry key or value.\r\n', exitCode: 1 };
/** The same on Japanese Windows, in CP932 as the console writes it (text as quoted from Japanese reg.exe sessions). */
export const REG_NOT_FOUND_JA: Answer = { stderr: encodeCp932('エラー: 指定されたレジストリ キーまたは値が見つかりませんでした。\r\n'), exitCode: 1 };
