import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS, EVENTS } from '../../src/shared/ipc/channels';
import { contract, type MamoriApi } from '../../src/shared/ipc/contract';
import { repoRoot } from '../support/policy';
import { contextBridge, ipcRenderer } from './fake-electron';
import { snapshot } from './fixtures';

vi.mock('electron', () => import('./fake-electron.js'));

let api: MamoriApi;

beforeAll(async () => {
  await import('../../src/main/preload/index.js');
  api = contextBridge.exposed.get('mamori') as MamoriApi;
});

describe('preload: window.mamori', () => {
  it('is exposed once, as "mamori", frozen, with one function per contract channel and one subscription per event', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['mamori']);
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api).sort()).toEqual([...Object.keys(CHANNELS), 'onSnapshot', 'onReportStatus'].sort());
    expect(Object.keys(api)).toContain('report');
    // Every channel the contract knows has its function (CHANNELS and contract agree).
    expect(Object.values(CHANNELS).sort()).toEqual(Object.keys(contract).sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('on');
  });

  it('each function invokes its own channel with exactly the request it was given', async () => {
    ipcRenderer.invocations.length = 0;
    const extra = (fn: (...a: unknown[]) => unknown, ...a: unknown[]) => fn(...a);
    await api.getSnapshot();
    await api.recheck({ check: 'usb' });
    await api.getGuidance({ id: '4章-3' });
    await api.setLanguage({ lang: 'en' });
    await api.contact({ role: 'csirt' });
    await api.report({ kind: 'infection', note: 'メモ', isolate: true });
    await api.isolationStatus();
    await api.releaseIsolation({ code: 'KAKU-2026' });
    // Arguments beyond the contract's are not forwarded.
    await extra(api.recheck as (...a: unknown[]) => unknown, {}, 'smuggled');
    await extra(api.getSnapshot as (...a: unknown[]) => unknown, 'smuggled');
    expect(ipcRenderer.invocations).toEqual([
      { channel: CHANNELS.getSnapshot, args: [] },
      { channel: CHANNELS.recheck, args: [{ check: 'usb' }] },
      { channel: CHANNELS.getGuidance, args: [{ id: '4章-3' }] },
      { channel: CHANNELS.setLanguage, args: [{ lang: 'en' }] },
      { channel: CHANNELS.contact, args: [{ role: 'csirt' }] },
      { channel: CHANNELS.report, args: [{ kind: 'infection', note: 'メモ', isolate: true }] },
      { channel: CHANNELS.isolationStatus, args: [] },
      { channel: CHANNELS.releaseIsolation, args: [{ code: 'KAKU-2026' }] },
      { channel: CHANNELS.recheck, args: [{}] },
      { channel: CHANNELS.getSnapshot, args: [] },
    ]);
  });

  it('onSnapshot hands the listener the payload only, and its return value unsubscribes', () => {
    const received: unknown[][] = [];
    const stop = api.onSnapshot((...args: unknown[]) => void received.push(args));
    const payload = snapshot({ trayState: 'violation' });
    ipcRenderer.emit(EVENTS.snapshot, { sender: ipcRenderer, ports: [] }, payload);
    expect(received).toEqual([[payload]]);
    stop();
    ipcRenderer.emit(EVENTS.snapshot, { sender: ipcRenderer }, payload);
    expect(received).toHaveLength(1);
    expect(ipcRenderer.listenerCount(EVENTS.snapshot)).toBe(0);
  });

  it('onSnapshot and onReportStatus refuse anything but a function', () => {
    expect(() => api.onSnapshot('alert(1)' as never)).toThrow(TypeError);
    expect(() => api.onReportStatus('alert(1)' as never)).toThrow(TypeError);
  });

  it('onReportStatus hands the listener the report status payload only, and unsubscribes', () => {
    const received: unknown[][] = [];
    const stop = api.onReportStatus((...args: unknown[]) => void received.push(args));
    const payload = { id: '6f1c2a4e-8b3d-4c5e-9f10-112233445566', channels: [{ target: '127.0.0.1:443', state: 'sending' }] };
    ipcRenderer.emit(EVENTS.reportStatus, { sender: ipcRenderer }, payload);
    ipcRenderer.emit(EVENTS.snapshot, { sender: ipcRenderer }, snapshot());
    expect(received).toEqual([[payload]]);
    stop();
    expect(ipcRenderer.listenerCount(EVENTS.reportStatus)).toBe(0);
  });

  it('the compiled preload requires nothing but electron (a sandboxed preload can load nothing else)', () => {
    const compiled = readFileSync(path.join(repoRoot, 'out/src/main/preload/index.js'), 'utf8');
    const required = [...compiled.matchAll(/require\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
    expect(compiled).not.toMatch(/\bimport\s*\(/);
  });
});
