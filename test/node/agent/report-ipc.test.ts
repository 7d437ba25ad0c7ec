import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportReceipt } from '../../../src/shared/ipc/contract';
import { CHANNELS } from '../../../src/shared/ipc/channels';
import { unknown } from '../../../src/shared/observed';
import { t } from '../../../src/shared/i18n';
import { createHandlers, dispatch } from '../../../src/node/agent/ipc-handlers';
import { REPORT_MIN_INTERVAL_MS } from '../../../src/node/agent/incident-reporter';
import { AgentService } from '../../../src/node/agent/service';
import { loadGuidance } from '../../../src/node/guidance/catalogue';
import { LiveHost } from '../../../src/node/host/live-host';
import { helperControl, type IsolationControl } from '../../../src/node/incident/isolation-control';
import type { IsolateResult } from '../../../src/node/isolation/client';
import { notYetSupported } from '../../../src/node/probes/not-supported';
import { startTestHelper } from '../../support/isolation';
import { policyWith } from '../../support/policy';

const pullCable: IsolateResult = { code: 'isolation.pull-cable', via: 'none', reportChannelCut: false, helper: { kind: 'absent', detail: 'ENOENT' }, fallback: unknown('not-supported', 'test') };

/**
 * The real service with no reporting channel (reports only queue), a clock the test moves, and the
 * helper's client at `socketPath` (nothing listens there unless the test starts a helper) with
 * isolate recorded and answered as with no helper.
 */
async function setup(socketPath = '/nonexistent/mamori-helper.sock', isolation?: IsolationControl) {
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'mamori-report-ipc-'));
  const isolations: string[] = [];
  const host = new LiveHost();
  let now = new Date('2026-11-26T10:00:00Z').getTime();
  const service = await AgentService.create({
    host,
    probes: notYetSupported('linux'),
    loadPolicy: async () => ({ policy: policyWith((p) => (p.reporting = { channels: [] })), source: { kind: 'default', file: '' }, problems: [] }),
    guidance: loadGuidance,
    isolation: isolation ?? { ...helperControl({ host, socketPath }), isolate: async (reason) => (isolations.push(reason), pullCable) },
    stateDir,
    clock: () => new Date(now),
  });
  const handlers = createHandlers(service, async () => undefined);
  const report = (request: unknown) => dispatch(handlers, CHANNELS.report, [request]);
  const status = () => dispatch(handlers, CHANNELS.isolationStatus, []);
  const release = (code: unknown) => dispatch(handlers, CHANNELS.releaseIsolation, [{ code }]);
  return { service, stateDir, isolations, report, status, release, advance: (ms: number) => (now += ms) };
}

describe('the report channel', () => {
  it('refuses a bad kind, an oversize note, a missing or extra field, before anything is reported', async () => {
    const { report, stateDir, isolations, service } = await setup();
    await expect(report({ kind: 'ransom', note: '', isolate: true })).rejects.toThrow('invalid-arguments');
    await expect(report({ kind: 'infection', note: 'あ'.repeat(4001), isolate: true })).rejects.toThrow('invalid-arguments');
    await expect(report({ kind: 'infection', note: '' })).rejects.toThrow('invalid-arguments');
    await expect(report({ kind: 'infection', note: '', isolate: true, url: 'https://evil.example/' })).rejects.toThrow('invalid-arguments');
    await expect(readdir(stateDir)).resolves.toEqual([]);
    expect(isolations).toEqual([]);
    await service.stop();
  });

  it('an infection report is persisted, then the network cut; the receipt fits the contract', async () => {
    const { report, stateDir, isolations, service } = await setup();
    const receipt = ReportReceipt.parse(await report({ kind: 'infection', note: 'あ'.repeat(4000), isolate: true }));
    expect(receipt).toMatchObject({ kind: 'infection', persisted: { ok: true }, channels: [], isolation: { code: 'isolation.pull-cable', reportChannelCut: false } });
    expect(isolations).toEqual([`report ${receipt.id} (infection)`]);
    expect(await readdir(path.join(stateDir, 'reports', 'pending'))).toContain(`${receipt.id}.json`);
    await service.stop();
  });

  it('Wi-Fi turned off without the helper (Windows, macOS): the receipt carries the code, and every isolation code has its message in both languages', async () => {
    const wifiOff: IsolateResult = {
      code: 'isolation.wifi-off-pull-cable',
      via: 'fallback',
      method: 'netsh wlan disconnect',
      devices: [],
      reportChannelCut: true,
      userCanUndo: true,
      helper: { kind: 'absent', detail: 'ENOENT' },
    };
    const host = new LiveHost();
    const { report, service } = await setup(undefined, { ...helperControl({ host, socketPath: '/nonexistent/mamori-helper.sock' }), isolate: async () => wifiOff });
    const receipt = ReportReceipt.parse(await report({ kind: 'infection', note: '', isolate: true }));
    expect(receipt.isolation).toEqual({ code: 'isolation.wifi-off-pull-cable', reportChannelCut: true });
    await service.stop();
    // The window (report-result.ts) and the CLI (report.ts) show t(code) for whatever code arrives.
    const codes = ReportReceipt.shape.isolation.unwrap().shape.code.options;
    for (const code of codes) for (const lang of ['ja', 'en'] as const) expect(t(lang, code), `${lang} ${code}`).not.toBe(code);
    expect(t('ja', 'isolation.wifi-off-pull-cable')).toContain('LANケーブルを抜き');
    expect(t('en', 'isolation.wifi-off-pull-cable')).toContain('Pull out the LAN cable');
  });

  it('an infection report without isolating (the second button in the window, --no-isolate in the CLI) leaves the network alone', async () => {
    const { report, stateDir, isolations, service } = await setup();
    const receipt = ReportReceipt.parse(await report({ kind: 'infection', note: 'CSIRT の指示で切断しません', isolate: false }));
    expect(receipt).toMatchObject({ kind: 'infection', persisted: { ok: true }, isolation: null });
    expect(isolations).toEqual([]);
    const saved = JSON.parse(await readFile(path.join(stateDir, 'reports', 'pending', `${receipt.id}.json`), 'utf8'));
    expect(saved).toMatchObject({ kind: 'infection', isolationRequested: false, note: 'CSIRT の指示で切断しません' });
    await service.stop();
  });

  it('when the report cannot be saved, the network is still cut, the receipt says so, and a retry need not wait', async () => {
    const { report, stateDir, isolations, service } = await setup();
    // A file where the queue's folder must go: the queue cannot be opened (as with a full or broken disk).
    await writeFile(path.join(stateDir, 'reports'), 'in the way');
    const failed = ReportReceipt.parse(await report({ kind: 'infection', note: 'メモ', isolate: true }));
    expect(failed).toMatchObject({ persisted: { ok: false, code: 'persist-failed' }, channels: [], isolation: { code: 'isolation.pull-cable' } });
    expect(isolations).toEqual([`report ${failed.id} (infection)`]);
    // Fixed: the next press persists at once (a failed report does not start the 10 s wait)…
    await rm(path.join(stateDir, 'reports'));
    const saved = ReportReceipt.parse(await report({ kind: 'infection', note: 'メモ', isolate: true }));
    expect(saved.persisted).toEqual({ ok: true });
    expect(await readdir(path.join(stateDir, 'reports', 'pending'))).toContain(`${saved.id}.json`);
    // …and a persisted one does.
    await expect(report({ kind: 'infection', note: 'メモ', isolate: true })).rejects.toThrow('rate-limited');
    await service.stop();
  });

  it('only an infection report cuts the network, as the CLI decides', async () => {
    const { report, isolations, service } = await setup();
    const receipt = (await report({ kind: 'lost-device', note: '紛失したかもしれません', isolate: true })) as ReportReceipt;
    expect(receipt.isolation).toBeNull();
    expect(isolations).toEqual([]);
    await service.stop();
  });

  it('allows one report per 10 s from the windows, so none can fire them in a loop', async () => {
    const { report, advance, service } = await setup();
    await report({ kind: 'other', note: '', isolate: false });
    await expect(report({ kind: 'other', note: '', isolate: false })).rejects.toThrow('rate-limited');
    const burst = await Promise.allSettled(Array.from({ length: 20 }, () => report({ kind: 'suspicious-mail', note: '', isolate: false })));
    expect(burst.every((r) => r.status === 'rejected')).toBe(true);
    advance(REPORT_MIN_INTERVAL_MS);
    await expect(report({ kind: 'other', note: '', isolate: false })).resolves.toMatchObject({ kind: 'other', persisted: { ok: true } });
    await service.stop();
  });
});

describe('the isolation channels, against the real helper', () => {
  it('without a helper: status unavailable, and a code cannot be tried', async () => {
    const { status, release, service } = await setup();
    await expect(status()).resolves.toEqual({ helper: 'unavailable' });
    await expect(release('KAKU-2026')).resolves.toEqual({ result: 'helper-unavailable' });
    await service.stop();
  });

  it('refuses a code the contract does not allow before the helper sees it', async () => {
    const helper = await startTestHelper({ releaseCode: 'KAKU-2026' });
    const { release, service } = await setup(helper.socketPath);
    for (const bad of ['', 'x'.repeat(257), 42, null]) await expect(release(bad)).rejects.toThrow('invalid-arguments');
    expect(await helper.audit()).toEqual([]);
    await service.stop();
    await helper.stop();
  });

  it('isolated by a report, released with the code: wrong codes are refused, slowed down and audited', async () => {
    const helper = await startTestHelper({ releaseCode: 'KAKU-2026' });
    const host = new LiveHost();
    const { report, status, release, service } = await setup(helper.socketPath, helperControl({ host, socketPath: helper.socketPath }));
    await expect(status()).resolves.toEqual({ helper: 'available', isolated: false, releasableWithCode: true });
    const receipt = ReportReceipt.parse(await report({ kind: 'infection', note: '', isolate: true }));
    expect(receipt.isolation).toEqual({ code: 'isolation.isolated', reportChannelCut: false });
    expect(helper.firewall.applied).not.toBeNull();
    await expect(status()).resolves.toEqual({ helper: 'available', isolated: true, releasableWithCode: true });

    for (let i = 1; i <= 4; i++) await expect(release(`wrong-${i}`)).resolves.toEqual({ result: 'bad-code' });
    await expect(release('wrong-5')).resolves.toEqual({ result: 'bad-code', retryAfterSeconds: 30 });
    const limited = (await release('KAKU-2026')) as { result: string; retryAfterSeconds: number };
    expect(limited.result).toBe('rate-limited');
    expect(limited.retryAfterSeconds).toBeGreaterThan(0);
    expect(helper.firewall.applied).not.toBeNull();
    expect(await helper.audit()).toEqual(['isolate:ok:tanaka', ...Array(5).fill('release:denied:tanaka'), 'release:rate-limited:tanaka']);
    await service.stop();
    await helper.stop();
  });

  it('the right code (typed full-width with the IME) releases, once', async () => {
    const helper = await startTestHelper({ releaseCode: 'KAKU-2026' });
    await helper.isolate();
    const { release, status, service } = await setup(helper.socketPath);
    await expect(release('ＫＡＫＵ－２０２６')).resolves.toEqual({ result: 'released' });
    expect(helper.firewall.applied).toBeNull();
    await expect(status()).resolves.toEqual({ helper: 'available', isolated: false, releasableWithCode: true });
    await expect(release('KAKU-2026')).resolves.toEqual({ result: 'not-isolated' });
    expect(await helper.audit()).toEqual(['isolate:ok:tanaka', 'release:authorized:tanaka', 'release:ok:tanaka', 'release:denied:tanaka']); // the last: not isolated any more
    await service.stop();
    await helper.stop();
  });

  it('with no release code in the policy, staff are told only an administrator can release', async () => {
    const helper = await startTestHelper();
    await helper.isolate();
    const { release, status, service } = await setup(helper.socketPath);
    await expect(status()).resolves.toEqual({ helper: 'available', isolated: true, releasableWithCode: false });
    await expect(release('KAKU-2026')).resolves.toEqual({ result: 'no-release-code' });
    expect(helper.firewall.applied).not.toBeNull();
    await service.stop();
    await helper.stop();
  });
});
