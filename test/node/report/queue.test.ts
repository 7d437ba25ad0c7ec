import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReportQueue } from '../../../src/node/report/queue';
import { ReportingError } from '../../../src/node/report/types';
import { makeReport } from '../../support/receivers/report-fixture';

let stateDir: string;
const dir = (...parts: string[]) => path.join(stateDir, 'reports', ...parts);
const names = (...parts: string[]) => readdirSync(dir(...parts)).sort();

beforeEach(() => {
  stateDir = mkdtempSync(path.join(os.tmpdir(), 'mamori-queue-'));
});
afterEach(() => rmSync(stateDir, { recursive: true, force: true }));

async function rejection(p: Promise<unknown>): Promise<ReportingError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(ReportingError);
  return e as ReportingError;
}

/** The pid of a process that has certainly exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

describe('report queue', () => {
  it('persists a report as <id>.json, owner-only, before enqueue resolves', async () => {
    const queue = await ReportQueue.open(stateDir);
    const report = makeReport();
    await queue.enqueue(report);
    const file = dir('pending', `${report.id}.json`);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(report);
    if (process.platform !== 'win32') {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(dir()).mode & 0o777).toBe(0o700);
    }
    expect(await queue.pending()).toEqual([{ id: report.id, kind: 'infection', createdAt: report.createdAt, delivered: {} }]);
  });

  it('is idempotent for the same report and refuses another report under a persisted id', async () => {
    const queue = await ReportQueue.open(stateDir);
    const report = makeReport();
    await queue.enqueue(report);
    expect(await queue.enqueue(report)).toMatchObject({ already: 'pending' });
    expect((await rejection(queue.enqueue({ ...report, note: '書き換え' }))).code).toBe('report-id-conflict');
    expect((await rejection(queue.enqueue({ ...report, id: 'not-a-uuid' }))).code).toBe('report-invalid');
    expect(JSON.parse(readFileSync(dir('pending', `${report.id}.json`), 'utf8')).note).toBe(report.note);
  });

  it('merges delivery marks, moves a fully delivered report to delivered/, and keeps only the newest there', async () => {
    const queue = await ReportQueue.open(stateDir, { deliveredKeep: 2 });
    const reports = [makeReport(), makeReport(), makeReport()];
    for (const r of reports) await queue.enqueue(r);
    await queue.markDelivered(reports[0]!.id, 'https:a', new Date('2026-11-26T02:00:00Z'));
    await queue.markDelivered(reports[0]!.id, 'smtp:b', new Date('2026-11-26T02:00:01Z'));
    expect((await queue.describe(reports[0]!.id))?.delivered).toEqual({ 'https:a': '2026-11-26T02:00:00.000Z', 'smtp:b': '2026-11-26T02:00:01.000Z' });
    for (const r of reports) {
      await queue.complete(r.id);
      await new Promise((resolve) => setTimeout(resolve, 10)); // distinct delivery times (mtime) to prune by
    }
    expect(await queue.pending()).toEqual([]);
    expect(names('pending')).toEqual([]);
    // The oldest delivered report (and its delivery file) was pruned; nothing pending ever is.
    expect(names('delivered')).toEqual([`${reports[1]!.id}.json`, `${reports[2]!.id}.json`].sort());
    expect(await queue.markDelivered(reports[1]!.id, 'https:a', new Date())).toBe(false);
  });

  it('lists pending reports oldest first', async () => {
    const queue = await ReportQueue.open(stateDir);
    const late = makeReport({ createdAt: '2026-11-26T03:00:00Z' });
    const early = makeReport({ createdAt: '2026-11-26T01:00:00Z' });
    await queue.enqueue(late);
    await queue.enqueue(early);
    expect((await queue.pending()).map((p) => p.id)).toEqual([early.id, late.id]);
  });

  it('cleans what a crash leaves: stale temporary files, torn reports, orphan delivery files; never crashes', async () => {
    const first = await ReportQueue.open(stateDir);
    const good = makeReport();
    await first.enqueue(good);
    const torn = makeReport().id;
    const orphan = makeReport().id;
    const dead = deadPid();
    writeFileSync(dir('pending', `${makeReport().id}.json.${dead}.${Date.now()}.tmp`), '{"id":"half');
    writeFileSync(dir('pending', `${good.id}.delivery.json.${dead}.${Date.now()}.tmp`), '');
    // A temporary file of a live writer (our parent process) is in progress: left alone.
    const live = `${makeReport().id}.json.${process.ppid}.${Date.now()}.tmp`;
    writeFileSync(dir('pending', live), '{');
    // …unless it is far older than any write.
    const ancient = `${makeReport().id}.json.${process.ppid}.1.tmp`;
    writeFileSync(dir('pending', ancient), '{');
    utimesSync(dir('pending', ancient), new Date(0), new Date(0));
    writeFileSync(dir('pending', `${torn}.json`), '{"id":"');
    writeFileSync(dir('pending', `${orphan}.delivery.json`), '{"version":1,"delivered":{}}');
    writeFileSync(dir('pending', `${good.id}.delivery.json`), 'not json');

    const queue = await ReportQueue.open(stateDir);
    const pending = await queue.pending();
    expect(pending.map((p) => p.id)).toEqual([good.id]);
    expect(pending[0]!.delivered).toEqual({}); // an unreadable mark file means "send again", never "done"
    expect(names('pending')).toEqual([`${good.id}.delivery.json`, `${good.id}.json`, live].sort());
    expect(names('corrupt')).toHaveLength(1);
    expect(names('corrupt')[0]).toMatch(new RegExp(`^${torn}\\.json\\.\\d+$`));
  });
});
