import { mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportReceipt } from '../../../src/shared/ipc/contract';
import { CHANNELS } from '../../../src/shared/ipc/channels';
import { unknown } from '../../../src/shared/observed';
import { createHandlers, dispatch } from '../../../src/node/agent/ipc-handlers';
import { REPORT_MIN_INTERVAL_MS } from '../../../src/node/agent/incident-reporter';
import { AgentService } from '../../../src/node/agent/service';
import { loadGuidance } from '../../../src/node/guidance/catalogue';
import { LiveHost } from '../../../src/node/host/live-host';
import type { IsolateResult } from '../../../src/node/isolation/client';
import { notYetSupported } from '../../../src/node/probes/not-supported';
import { policyWith } from '../../support/policy';

const pullCable: IsolateResult = { code: 'isolation.pull-cable', via: 'none', reportChannelCut: false, helper: { kind: 'absent', detail: 'ENOENT' }, fallback: unknown('not-supported', 'test') };

/** The real service with no reporting channel (reports only queue), a recorded isolation, and a clock the test moves. */
async function setup() {
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'mamori-report-ipc-'));
  const isolations: string[] = [];
  let now = new Date('2026-11-26T10:00:00Z').getTime();
  const service = await AgentService.create({
    host: new LiveHost(),
    probes: notYetSupported('linux'),
    loadPolicy: async () => ({ policy: policyWith((p) => (p.reporting = { channels: [] })), source: { kind: 'default', file: '' }, problems: [] }),
    guidance: loadGuidance(),
    isolate: async (reason) => (isolations.push(reason), pullCable),
    stateDir,
    clock: () => new Date(now),
  });
  const handlers = createHandlers(service, async () => undefined);
  const report = (request: unknown) => dispatch(handlers, CHANNELS.report, [request]);
  return { service, stateDir, isolations, report, advance: (ms: number) => (now += ms) };
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
