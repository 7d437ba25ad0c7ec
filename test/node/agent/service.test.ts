import { describe, expect, it } from 'vitest';
import type { UsbDevice } from '../../../src/shared/facts';
import { Snapshot } from '../../../src/shared/ipc/contract';
import { CHANNELS } from '../../../src/shared/ipc/channels';
import { AgentService } from '../../../src/node/agent/service';
import { contactMailto, createHandlers, dispatch, IpcRejection } from '../../../src/node/agent/ipc-handlers';
import { loadGuidance } from '../../../src/node/guidance/catalogue';
import type { Host } from '../../../src/node/host/host';
import { notYetSupported } from '../../../src/node/probes/not-supported';
import { policyWith } from '../../support/policy';

const host = { info: { platform: 'linux', osVersion: 't', locale: 'ja-JP', hostname: 'pc' } } as Host;
const stick: UsbDevice = { vendorId: 0x1234, productId: 0x5678, serial: 'X', serialKnown: true, deviceClass: 0, interfaceClasses: [8], manufacturer: 'ACME', product: 'Stick', location: '1-1' };

async function service(devices: UsbDevice[] = [stick]) {
  return AgentService.create({
    host,
    probes: { ...notYetSupported('linux'), usb: { check: 'usb', collect: async () => ({ devices: { state: 'known', value: devices } }) } },
    loadPolicy: async () => ({ policy: policyWith(), source: { kind: 'file', file: '/etc/mamori/policy.json' }, problems: [] }),
    guidance: loadGuidance(),
    isolate: async () => Promise.reject(new Error('not in this test')),
  });
}

describe('AgentService and the IPC handlers', () => {
  it('a recheck returns a snapshot valid against the contract, with the tray state of the worst finding', async () => {
    const s = await service();
    const snapshot = await s.recheck('usb');
    expect(Snapshot.parse(snapshot)).toEqual(snapshot);
    expect(snapshot.trayState).toBe('violation');
    expect(snapshot.checks.map((c) => c.id)).toEqual(['usb']);
  });

  it('publishes a snapshot while a check runs and after it', async () => {
    const s = await service();
    const seen: string[][] = [];
    s.onSnapshot((snap) => seen.push(snap.checking));
    await s.recheck('usb');
    expect(seen).toEqual([['usb'], []]);
  });

  it('dispatch refuses unknown channels and malformed arguments, and strips what the contract does not name', async () => {
    const handlers = createHandlers(await service(), async () => undefined);
    await expect(dispatch(handlers, 'mamori:shell', [])).rejects.toThrow(IpcRejection);
    await expect(dispatch(handlers, CHANNELS.recheck, [{ check: 'usb; rm -rf /' }])).rejects.toThrow('invalid-arguments');
    await expect(dispatch(handlers, CHANNELS.recheck, [{ check: 'usb', extra: 1 }])).rejects.toThrow('invalid-arguments');
    await expect(dispatch(handlers, CHANNELS.getSnapshot, ['unexpected'])).rejects.toThrow('invalid-arguments');
    const guidance = (await dispatch(handlers, CHANNELS.getGuidance, [{ id: '4章-3' }])) as { id: string; actions: unknown[] }[];
    expect(guidance.map((g) => g.id)).toEqual(['4章-3']);
    // The organisation's extra step (example policy) is part of what the window shows.
    expect(JSON.stringify(guidance[0]!.actions)).toContain('貸出簿');
  });

  it('the contact action opens only a mailto: link built from the policy', async () => {
    const s = await service();
    const opened: string[] = [];
    const handlers = createHandlers(s, async (url) => void opened.push(url));
    const { checks } = await s.recheck('usb');
    const findingId = checks[0]!.findings[0]!.id;
    await dispatch(handlers, CHANNELS.contact, [{ role: 'security-officer', findingId }]);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatch(/^mailto:security-officer%40example\.go\.jp\?subject=/);
    expect(decodeURIComponent(opened[0]!)).toContain('組織が承認していないUSB機器「ACME Stick」');
    expect(contactMailto(s, 'csirt')).toMatch(/^mailto:csirt%40example\.go\.jp/);
  });
});

describe('recheck throttling', () => {
  it('concurrent requests share one run, and a run just finished is not repeated', async () => {
    let runs = 0;
    const s = await AgentService.create({
      host,
      probes: { ...notYetSupported('linux'), usb: { check: 'usb', collect: async () => (runs++, { devices: { state: 'known', value: [] } }) } },
      loadPolicy: async () => ({ policy: policyWith(), source: { kind: 'default', file: '' }, problems: [] }),
      guidance: loadGuidance(),
      isolate: async () => Promise.reject(new Error('not in this test')),
    });
    await Promise.all(Array.from({ length: 50 }, () => s.userRecheck('usb')));
    expect(runs).toBe(1);
    await s.userRecheck('usb');
    expect(runs).toBe(1);
    // The agent itself (an OS event, a test at the probe boundary) is not throttled.
    await s.recheck('usb');
    expect(runs).toBe(2);
  });
});

describe('policy reload', () => {
  it('a changed policy applies without a restart; an unchanged one runs nothing', async () => {
    let revision = 3;
    let runs = 0;
    const s = await AgentService.create({
      host,
      probes: { ...notYetSupported('linux'), usb: { check: 'usb', collect: async () => (runs++, { devices: { state: 'known', value: [] } }) } },
      loadPolicy: async () => ({ policy: policyWith((p) => (p.revision = revision)), source: { kind: 'file', file: '/etc/mamori/policy.json' }, problems: [] }),
      guidance: loadGuidance(),
      isolate: async () => Promise.reject(new Error('not in this test')),
    });
    await s.reloadPolicy();
    expect(runs).toBe(0);
    revision = 4;
    await s.reloadPolicy();
    expect(s.snapshot().policy.revision).toBe(4);
    expect(runs).toBe(1);
  });
});
