import type { Platform } from '../../src/shared/checks';
import type { BundleRecord } from '../../src/node/host/bundle-format';
import { Bundle, BUNDLE_FORMAT, toBytes } from '../../src/node/host/bundle-format';
import { BundleHost } from '../../src/node/host/bundle-host';

/** What a command answered, as a probe test states it. */
export interface Answer {
  stdout?: Uint8Array | string;
  stderr?: Uint8Array | string;
  /** Default 0; null when the command did not run to completion (error set). */
  exitCode?: number | null;
  /** ENOENT, TIMEOUT, EACCES…: as the live host reports a command that did not complete. */
  error?: string;
}

const bytes = (b: Uint8Array | string | undefined) => (typeof b === 'string' ? new TextEncoder().encode(b) : (b ?? new Uint8Array()));

/** One recorded command, exactly as a RecordingHost on the PC would have stored it. */
export function commandRecord(file: string, args: readonly string[], answer: Answer): BundleRecord {
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

const HOSTS: Record<Platform, Bundle['host']> = {
  win32: { platform: 'win32', osVersion: 'Windows 11 Pro 10.0.26100', locale: 'ja-JP', hostname: 'KAKU-PC-014' },
  darwin: { platform: 'darwin', osVersion: 'macOS 15.5', locale: 'ja-JP', hostname: 'mac-test' },
  linux: { platform: 'linux', osVersion: 'Linux 6.1.0', locale: 'ja-JP', hostname: 'linux-test' },
};

/** A support bundle of these records, validated against the published format. */
export function bundleOf(platform: Platform, records: BundleRecord[], host: Partial<Bundle['host']> = {}): Bundle {
  return Bundle.parse({ format: BUNDLE_FORMAT, version: 1, createdAt: '2026-11-26T09:00:00.000Z', mamoriVersion: '0.1.0', host: { ...HOSTS[platform], ...host }, records });
}

/** A host replaying these records: the path `mamori check --bundle` takes. */
export const replayHost = (platform: Platform, records: BundleRecord[], host: Partial<Bundle['host']> = {}) => new BundleHost(bundleOf(platform, records, host));
