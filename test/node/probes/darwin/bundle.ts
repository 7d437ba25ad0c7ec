import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BundleRecord } from '../../../../src/node/host/bundle-format';
import type { BundleHost } from '../../../../src/node/host/bundle-host';
import type { CommandSpec } from '../../../../src/node/host/host';
import { commandRecord, replayHost, type Answer } from '../../../support/bundle';
import { repoRoot } from '../../../support/policy';

/** A fixture from test/fixtures/mac, as the bytes were captured (all of them are UTF-8). */
export const macFixture = (name: string): string => readFileSync(path.join(repoRoot, 'test/fixtures/mac', name), 'utf8');

export type RecordedRun = Answer;

/** One command's answer as a support bundle records it, under the exact file and arguments the probe runs. */
export const ran = (spec: CommandSpec, run: RecordedRun): BundleRecord => commandRecord(spec.file, spec.args, run);

/** A host that replays these records from a bundle validated against the published format. */
export const macHost = (...records: BundleRecord[]): BundleHost => replayHost('darwin', records);
