import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Bundle, BundleRecord } from '../../../../../src/node/host/bundle-format';
import { bundleOf, commandRecord, replayHost, type Answer } from '../../../../support/bundle';
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

export type { Answer };
export const command = commandRecord;

export const windowsBundle = (records: BundleRecord[], locale = 'ja-JP'): Bundle => bundleOf('win32', records, { locale });

/** A BundleHost replaying these records: the path `mamori check --bundle` takes. */
export const replay = (records: BundleRecord[], locale = 'ja-JP') => replayHost('win32', records, { locale });

/** reg.exe's answer for a key that does not exist (stderr, exit 1) on English Windows. */
export const REG_NOT_FOUND_EN: Answer = { stderr: 'ERROR: The system was unable to find the specified registry key or value.\r\n', exitCode: 1 };
/** The same on Japanese Windows, in CP932 as the console writes it (text as quoted from Japanese reg.exe sessions). */
export const REG_NOT_FOUND_JA: Answer = { stderr: encodeCp932('エラー: 指定されたレジストリ キーまたは値が見つかりませんでした。\r\n'), exitCode: 1 };
