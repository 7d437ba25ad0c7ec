import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createReporting, type Reporting, type ReportingOptions, type ReportStatus } from '../../../src/node/report';
import { arrivedIds, closedLoopbackPort } from '../../support/receivers';
import { useReceivers } from '../../support/receivers/use-receivers';
import { makeReport } from '../../support/receivers/report-fixture';
import { FakeClock } from './fake-clock';

/** vi.waitFor's default 1 s is too short on a loaded 2-core CI machine (the crash test runs alongside). */
const eventually = (check: () => void) => vi.waitFor(check, { timeout: 10_000, interval: 20 });

/** The public API over the real queue, real channels and real receivers on 127.0.0.1. */

let closedPort: number;
let stateDir: string;
const open: Reporting[] = [];

const live = useReceivers();
beforeAll(async () => {
  closedPort = await closedLoopbackPort();
});
beforeEach(() => {
  stateDir = mkdtempSync(path.join(os.tmpdir(), 'mamori-reporting-'));
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.stop()));
  rmSync(stateDir, { recursive: true, force: true });
  live.rx.https.mode = 'ok';
  live.rx.https.useIdentity(live.pki.server);
});

async function start(options: Partial<ReportingOptions> = {}): Promise<Reporting> {
  const reporting = await createReporting({ stateDir, channels: live.rx.channels, timeoutMs: 2_000, ...options });
  open.push(reporting);
  return reporting;
}

const count = (ids: string[], id: string) => ids.filter((x) => x === id).length;
const channelState = (s: ReportStatus | undefined, type: string) => s?.channels.find((c) => c.type === type);
const pendingFiles = () => readdirSync(path.join(stateDir, 'reports', 'pending'));
const deliveryMarks = (id: string): Record<string, string> => {
  const file = path.join(stateDir, 'reports', 'pending', `${id}.delivery.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { delivered: Record<string, string> }).delivered : {};
};

describe('createReporting', () => {
  it('submit persists, then every channel delivers once; the UI sees queued → sending → delivered', async () => {
    const reporting = await start();
    const seen: ReportStatus[] = [];
    reporting.onStatus((s) => seen.push(s));
    const report = makeReport();
    const status = await reporting.submit(report);
    expect(status.persisted).toBe(true);
    expect(existsSync(path.join(stateDir, 'reports', 'pending', `${report.id}.json`)) || existsSync(path.join(stateDir, 'reports', 'delivered', `${report.id}.json`))).toBe(true);
    expect(await reporting.drain(10_000)).toEqual({ complete: true, pending: [] });
    const ids = arrivedIds(live.rx);
    expect([count(ids.https, report.id), count(ids.syslog, report.id), count(ids.smtp, report.id)]).toEqual([1, 1, 1]);
    expect(reporting.status(report.id)).toMatchObject({ delivered: true });
    for (const type of ['https', 'syslog-tls', 'smtp']) {
      const states = seen.map((s) => channelState(s, type)!.state).filter((s, i, all) => s !== all[i - 1]);
      expect(states).toEqual(['queued', 'sending', 'delivered']);
    }
    expect(pendingFiles()).toEqual([]);
    expect(readdirSync(path.join(stateDir, 'reports', 'delivered')).sort()).toEqual([`${report.id}.delivery.json`, `${report.id}.json`]);
  });

  it('a failing channel never holds up the others, and retries after its fault is fixed', async () => {
    live.rx.https.mode = 'error';
    const reporting = await start();
    const report = makeReport();
    await reporting.submit(report);
    await eventually(() => {
      const s = reporting.status(report.id);
      expect(channelState(s, 'https')).toMatchObject({ state: 'failed-will-retry', lastError: 'http-status', lastErrorStatus: 500, attempts: 1 });
      expect(channelState(s, 'syslog-tls')?.state).toBe('delivered');
      expect(channelState(s, 'smtp')?.state).toBe('delivered');
    });
    expect(channelState(reporting.status(report.id), 'https')?.nextAttemptAt).toBeDefined();
    expect(Object.keys(deliveryMarks(report.id))).toHaveLength(2);
    live.rx.https.mode = 'ok';
    reporting.kick(); // network up / isolation released
    expect((await reporting.drain(10_000)).complete).toBe(true);
    expect(count(arrivedIds(live.rx).https, report.id)).toBe(1);
  });

  it('rejects a wrong certificate (nothing delivered, retried later) and delivers once the right one is back', async () => {
    live.rx.https.useIdentity(live.pki.rogue);
    const reporting = await start({ channels: [live.rx.channels[0]] });
    const report = makeReport();
    await reporting.submit(report);
    await eventually(() => expect(channelState(reporting.status(report.id), 'https')).toMatchObject({ state: 'failed-will-retry', lastError: 'tls-untrusted-certificate' }));
    expect(count(arrivedIds(live.rx).https, report.id)).toBe(0);
    expect(deliveryMarks(report.id)).toEqual({});
    live.rx.https.useIdentity(live.pki.server);
    reporting.kick();
    expect((await reporting.drain(10_000)).complete).toBe(true);
    expect(count(arrivedIds(live.rx).https, report.id)).toBe(1);
  });

  it('backs off exponentially per report × channel, on an injectable clock', async () => {
    const clock = new FakeClock();
    const reporting = await start({ clock, random: () => 1, channels: [{ type: 'https', url: `https://127.0.0.1:${closedPort}/r`, caFile: live.pki.caFile }] });
    const report = makeReport();
    await reporting.submit(report);
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      await eventually(() => expect(channelState(reporting.status(report.id), 'https')).toMatchObject({ state: 'failed-will-retry', attempts: attempt, lastError: 'connection-refused' }));
      const next = Date.parse(channelState(reporting.status(report.id), 'https')!.nextAttemptAt!);
      delays.push(next - clock.now());
      expect(clock.nextDue()).toBe(next);
      clock.advance(next - clock.now() - 1);
      expect(channelState(reporting.status(report.id), 'https')?.attempts).toBe(attempt); // not a moment early
      clock.advance(1);
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('never marks a channel before the receiver answered: a hung receiver times out and the report stays owed', async () => {
    live.rx.https.mode = 'hang';
    const reporting = await start({ channels: [live.rx.channels[0]], timeoutMs: 300 });
    const report = makeReport();
    await reporting.submit(report);
    await eventually(() => expect(channelState(reporting.status(report.id), 'https')).toMatchObject({ state: 'failed-will-retry', lastError: 'timeout' }));
    expect(deliveryMarks(report.id)).toEqual({});
    expect((await reporting.drain(100)).complete).toBe(false);
  });

  it('survives a restart: what was owed goes out, what was delivered is not sent again', async () => {
    live.rx.https.mode = 'error';
    const first = await start();
    const reports = [makeReport(), makeReport()];
    for (const r of reports) await first.submit(r);
    await eventually(() => {
      for (const r of reports) expect(first.status(r.id)?.channels.map((c) => c.state).sort()).toEqual(['delivered', 'delivered', 'failed-will-retry']);
    });
    await first.stop();
    await expect(first.submit(makeReport())).rejects.toMatchObject({ code: 'stopped' });
    live.rx.https.mode = 'ok';
    const before = arrivedIds(live.rx);
    const second = await start();
    expect((await second.drain(10_000)).complete).toBe(true);
    const after = arrivedIds(live.rx);
    for (const r of reports) {
      expect(count(after.https, r.id)).toBe(1);
      expect(count(after.syslog, r.id)).toBe(count(before.syslog, r.id));
      expect(count(after.smtp, r.id)).toBe(count(before.smtp, r.id));
    }
    expect(pendingFiles()).toEqual([]);
  });

  it('stop() aborts a send in flight without marking it; the next start sends it', async () => {
    live.rx.https.mode = 'hang';
    const first = await start({ channels: [live.rx.channels[0]], timeoutMs: 30_000 });
    const report = makeReport();
    await first.submit(report);
    await eventually(() => expect(channelState(first.status(report.id), 'https')?.state).toBe('sending'));
    await first.stop();
    expect(deliveryMarks(report.id)).toEqual({});
    live.rx.https.mode = 'ok';
    const second = await start({ channels: [live.rx.channels[0]] });
    expect((await second.drain(10_000)).complete).toBe(true);
    expect(count(arrivedIds(live.rx).https, report.id)).toBe(1);
  });

  it('keeps delivering when a status listener throws', async () => {
    const reporting = await start({ channels: [live.rx.channels[1]] });
    reporting.onStatus(() => {
      throw new Error('UI bug');
    });
    await reporting.submit(makeReport());
    expect((await reporting.drain(10_000)).complete).toBe(true);
  });

  it('with no channel configured, keeps the report queued and says so', async () => {
    const reporting = await start({ channels: [] });
    const report = makeReport();
    expect(await reporting.submit(report)).toEqual({ id: report.id, kind: 'infection', createdAt: report.createdAt, persisted: true, delivered: false, channels: [] });
    const drained = await reporting.drain(10_000);
    expect(drained.complete).toBe(false);
    expect(drained.pending.map((p) => p.id)).toEqual([report.id]);
    expect(pendingFiles()).toEqual([`${report.id}.json`]);
  });

  it('sends a policy endpoint listed twice only once', async () => {
    const reporting = await start({ channels: [live.rx.channels[1], { ...live.rx.channels[1] }] });
    const report = makeReport();
    await reporting.submit(report);
    await reporting.drain(10_000);
    expect(reporting.status(report.id)?.channels).toHaveLength(1);
    expect(count(arrivedIds(live.rx).syslog, report.id)).toBe(1);
  });
});
