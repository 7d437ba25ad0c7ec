import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BundleRecord } from '../../../../src/node/host/bundle-format';
import { Bundle, BUNDLE_FORMAT } from '../../../../src/node/host/bundle-format';
import { BundleHost } from '../../../../src/node/host/bundle-host';
import type { CommandSpec } from '../../../../src/node/host/host';
import { repoRoot } from '../../../support/policy';

/** A fixture from test/fixtures/mac, as the bytes were captured (all of them are UTF-8). */
export const macFixture = (name: string): string => readFileSync(path.join(repoRoot, 'test/fixtures/mac', name), 'utf8');

export interface RecordedRun {
  stdout?: string;
  stderr?: string;
  /** Default 0; null when the command did not run to completion (error set). */
  exitCode?: number | null;
  /** ENOENT, TIMEOUT, EACCES, … as the live host reports it. */
  error?: string;
}

/** One command's answer as a support bundle records it, under the exact file and arguments the probe runs. */
export function ran(spec: CommandSpec, run: RecordedRun): BundleRecord {
  return {
    type: 'command',
    file: spec.file,
    args: [...spec.args],
    exitCode: run.error !== undefined ? null : (run.exitCode ?? 0),
    error: run.error ?? null,
    stdout: { encoding: 'utf8', data: run.stdout ?? '' },
    stderr: { encoding: 'utf8', data: run.stderr ?? '' },
    durationMs: 1,
  };
}

/** A host that replays these records from a bundle validated against the published format. */
export function macHost(...records: BundleRecord[]): BundleHost {
  const bundle = Bundle.parse({
    format: BUNDLE_FORMAT,
    version: 1,
    createdAt: '2026-11-26T10:00:00.000Z',
    mamoriVersion: '0.1.0',
    host: { platform: 'darwin', osVersion: 'macOS 15.5', locale: 'ja-JP', hostname: 'mac-test' },
    records,
  });
  return new BundleHost(bundle);
}
