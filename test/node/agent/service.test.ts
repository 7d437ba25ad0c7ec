import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
import { unusedIsolation } from '../../support/isolation';

// No tools on this stand-in PC: every command is "not installed" (reports then say connections are unknown).
const host = {
  info: { platform: 'linux', osVersion: 't', locale: 'ja-JP', hostname: 'pc' },
  run: async () => ({ stdout: new Uint8Array(), stderr: new Uint8Array(), exitCode: null, error: 'ENOENT' }),
} as unknown as Host;
const stick: UsbDevice = { vendorId: 0x1234, productId: 0x5678, serial: 'X', serialKnown: true, deviceClass: 0, interfaceClasses: [8], manufacturer: 'ACME', product: 'Stick', location: '1-1' };

async function service(devices: UsbDevice[] = [stick]) {
  return AgentService.create({
    host,
    stateDir: mkdtempSync(path.join(os.tmpdir(), 'mamori-service-')),
    probes: { ...notYetSupported('linux'), usb: { check: 'usb', collect: async () => ({ devices: { state: 'known', value: devices } }) } },
    loadPolicy: async () => ({ policy: policyWith(), source: { kind: 'file', file: '/etc/mamori/policy.json' }, problems: [] }),
    guidance: loadGuidance,
    isolation: unusedIsolation,
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
      stateDir: mkdtempSync(path.join(os.tmpdir(), 'mamori-service-')),
      probes: { ...notYetSupported('linux'), usb: { check: 'usb', collect: async () => (runs++, { devices: { state: 'known', value: [] } }) } },
      loadPolicy: async () => ({ policy: policyWith(), source: { kind: 'default', file: '' }, problems: [] }),
      guidance: loadGuidance,
      isolation: unusedIsolation,
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
      stateDir: mkdtempSync(path.join(os.tmpdir(), 'mamori-service-')),
      probes: { ...notYetSupported('linux'), usb: { check: 'usb', collect: async () => (runs++, { devices: { state: 'known', value: [] } }) } },
      loadPolicy: async () => ({ policy: policyWith((p) => (p.revision = revision)), source: { kind: 'file', file: '/etc/mamori/policy.json' }, problems: [] }),
      guidance: loadGuidance,
      isolation: unusedIsolation,
    });
    await s.reloadPolicy();
    expect(runs).toBe(0);
    revision = 4;
    await s.reloadPolicy();
    expect(s.snapshot().policy.revision).toBe(4);
    expect(runs).toBe(1);
  });
});

describe('findings the policy wants reported', () => {
  it('an unapproved USB device under warn-and-report is queued for the CSIRT by itself, once, without isolating', async () => {
    const stateDir = mkdtempSync(path.join(os.tmpdir(), 'mamori-autoreport-'));
    let isolated = 0;
    const s = await AgentService.create({
      host,
      stateDir,
      probes: { ...notYetSupported('linux'), usb: { check: 'usb', collect: async () => ({ devices: { state: 'known', value: [stick] } }) } },
      loadPolicy: async () => ({ policy: policyWith(), source: { kind: 'file', file: '/etc/mamori/policy.json' }, problems: [] }),
      guidance: loadGuidance,
      isolation: { ...unusedIsolation, isolate: async () => (isolated++, Promise.reject(new Error('must not isolate'))) },
    });
    await s.recheck('usb');
    await s.recheck('usb'); // the same finding again: no second report
    const pendingDir = path.join(stateDir, 'reports', 'pending');
    await expect.poll(() => readdirSync(pendingDir).filter((n) => !n.endsWith('.delivery.json')).length).toBe(1);
    const [file] = readdirSync(pendingDir).filter((n) => !n.endsWith('.delivery.json'));
    const report = JSON.parse(readFileSync(path.join(pendingDir, file!), 'utf8'));
    expect(report).toMatchObject({ kind: 'other', isolationRequested: false });
    expect(report.note).toContain('usb-unapproved-device');
    expect(report.findings.map((f: { kind: string }) => f.kind)).toContain('usb-unapproved-device');
    expect(isolated).toBe(0);
    await s.stop();
  });
});
