import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CHECK_IDS } from '../../../src/shared/checks';
import { Bundle, BUNDLE_FORMAT } from '../../../src/node/host/bundle-format';
import { BundleHost, NOT_IN_BUNDLE } from '../../../src/node/host/bundle-host';
import { LiveHost } from '../../../src/node/host/live-host';
import { RecordingHost } from '../../../src/node/host/recording-host';
import { collectSafely } from '../../../src/node/probes/probe';
import { probesFor } from '../../../src/node/probes/registry';
import { repoRoot } from '../../support/policy';

const exec = promisify(execFile);

describe('support bundles', () => {
  it('replaying a recording of this PC gives exactly the facts the live probes saw', async () => {
    const recording = new RecordingHost(new LiveHost());
    const probes = await probesFor(recording.info.platform);
    const live = [];
    for (const id of CHECK_IDS) live.push(await collectSafely(probes[id] as never, recording));
    const bundle = Bundle.parse(JSON.parse(JSON.stringify({ format: BUNDLE_FORMAT, version: 1, createdAt: new Date().toISOString(), mamoriVersion: '0', host: recording.info, records: recording.records })));
    expect(bundle.records.some((r) => r.type === 'command' && r.file === 'dpkg-query')).toBe(true);
    const replay = new BundleHost(bundle);
    const replayed = [];
    for (const id of CHECK_IDS) replayed.push(await collectSafely(probes[id] as never, replay));
    // Process lists differ in pids between runs only if re-collected; here both come from the same recording.
    expect(replayed).toEqual(live);
  });

  it('keeps bytes that are not UTF-8 (CP932 from Japanese Windows) exactly', async () => {
    const cp932 = new Uint8Array([0x83, 0x65, 0x83, 0x58, 0x83, 0x67, 0x0d, 0x0a]); // "テスト\r\n" in Shift-JIS
    const host = new RecordingHost({
      info: { platform: 'win32', osVersion: 'x', locale: 'ja-JP', hostname: 'h' },
      run: async () => ({ stdout: cp932, stderr: new Uint8Array(), exitCode: 0 }),
    } as never);
    await host.run({ file: 'reg', args: ['query', 'HKCU'] });
    const rec = JSON.parse(JSON.stringify(host.records[0]));
    expect(rec.stdout.encoding).toBe('base64');
    const replay = new BundleHost(Bundle.parse({ format: BUNDLE_FORMAT, version: 1, createdAt: new Date().toISOString(), mamoriVersion: '0', host: host.info, records: [rec] }));
    expect((await replay.run({ file: 'reg', args: ['query', 'HKCU'] })).stdout).toEqual(cp932);
    expect((await replay.run({ file: 'reg', args: ['query', 'HKLM'] })).error).toBe(NOT_IN_BUNDLE);
  });

  it('mamori collect writes a bundle that mamori check --bundle reads back to the same report', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mamori-bundle-'));
    const file = path.join(dir, 'bundle.json');
    const bin = path.join(repoRoot, 'bin/mamori.js');
    await exec(process.execPath, [bin, 'collect', '--out', file]);
    const written = Bundle.parse(JSON.parse(await readFile(file, 'utf8')));
    expect(written.host.platform).toBe(process.platform);
    const run = async (...extra: string[]) => {
      const r = await exec(process.execPath, [bin, 'check', '--json', '--policy', path.join(repoRoot, 'policies/example-policy.json'), ...extra]).catch((e) => e);
      return JSON.parse(r.stdout).checks.map((c: { id: string; status: string; findings: unknown[] }) => [c.id, c.status, c.findings.length]);
    };
    expect(await run('--bundle', file)).toEqual(await run());
  });

  it('a file that is not a bundle is exit 2 naming what is wrong', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mamori-bundle-'));
    const file = path.join(dir, 'bad.json');
    await writeFile(file, JSON.stringify({ format: BUNDLE_FORMAT, version: 2 }));
    const r = await exec(process.execPath, [path.join(repoRoot, 'bin/mamori.js'), 'check', '--bundle', file, '--lang', 'en']).catch((e) => e);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`Cannot read support bundle ${file}: version`);
  });
});
