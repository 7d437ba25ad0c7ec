import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, EVENTS } from '../../src/shared/ipc/channels';
import { contract } from '../../src/shared/ipc/contract';
import { AgentService } from '../../src/node/agent/service';
import { createHandlers, type Handlers } from '../../src/node/agent/ipc-handlers';
import { loadGuidance } from '../../src/node/guidance/catalogue';
import type { Host } from '../../src/node/host/host';
import { notYetSupported } from '../../src/node/probes/not-supported';
import { broadcast, broadcastSnapshot, registerIpc } from '../../src/main/ipc/ipc-main';
import { TrustedSenders } from '../../src/main/ipc/trusted-senders';
import { mailtoOpener } from '../../src/main/security/mailto';
import { unusedIsolation } from '../support/isolation';
import { policyWith } from '../support/policy';
import { FakeWebContents, ipcMain, resetFakeElectron } from './fake-electron';
import { finding, snapshot } from './fixtures';

vi.mock('electron', () => import('./fake-electron.js'));

const RECEIPT_ID = '6f1c2a4e-8b3d-4c5e-9f10-112233445566';

/** Handlers that answer from fixtures; each test can replace one. */
function fixtureHandlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    [CHANNELS.getSnapshot]: async () => snapshot(),
    [CHANNELS.recheck]: async () => snapshot(),
    [CHANNELS.getGuidance]: async () => [],
    [CHANNELS.setLanguage]: async ({ lang }) => snapshot({ lang }),
    [CHANNELS.contact]: async () => null,
    [CHANNELS.report]: async ({ kind }) => ({ id: RECEIPT_ID, kind, persisted: { ok: true }, channels: [], isolation: null }),
    [CHANNELS.isolationStatus]: async () => ({ helper: 'unavailable' }),
    [CHANNELS.releaseIsolation]: async () => ({ result: 'helper-unavailable' }),
    ...overrides,
  };
}

let trusted: TrustedSenders;
let window: FakeWebContents;
const log = vi.fn();

/** An invoke event from the top frame of `contents` at `url`. */
const from = (contents: { id: number }, url = 'app://mamori/index.html#/status') => ({ sender: contents, senderFrame: { url, parent: null } });
const invoke = (channel: string, event: unknown, ...args: unknown[]) => {
  const handler = ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return Promise.resolve(handler(event, ...args));
};

beforeEach(() => {
  resetFakeElectron();
  log.mockReset();
  trusted = new TrustedSenders();
  window = new FakeWebContents();
  trusted.add(window);
});
afterEach(() => resetFakeElectron());

describe('IPC registration', () => {
  it('registers exactly one handler per contract channel, and removes them all again', () => {
    const dispose = registerIpc(fixtureHandlers(), trusted, log);
    expect([...ipcMain.handlers.keys()].sort()).toEqual(Object.keys(contract).sort());
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('answers a trusted window with the validated result', async () => {
    registerIpc(fixtureHandlers(), trusted, log);
    await expect(invoke(CHANNELS.setLanguage, from(window), { lang: 'en' })).resolves.toMatchObject({ lang: 'en' });
  });

  it('refuses untrusted senders with "forbidden" before any handler runs', async () => {
    const getSnapshot = vi.fn(async () => snapshot());
    registerIpc(fixtureHandlers({ [CHANNELS.getSnapshot]: getSnapshot }), trusted, log);
    const stranger = new FakeWebContents();
    for (const event of [
      from(stranger),
      from(window, 'https://evil.example/'),
      from(window, 'file:///etc/passwd'),
      { sender: window, senderFrame: { url: 'app://mamori/index.html', parent: {} } },
      { sender: window, senderFrame: null },
    ]) {
      await expect(invoke(CHANNELS.getSnapshot, event)).rejects.toThrow(/^forbidden$/);
    }
    expect(getSnapshot).not.toHaveBeenCalled();
  });

  it('a release code from anywhere but a Mamori window never reaches the helper', async () => {
    const release = vi.fn(async () => ({ result: 'released' as const }));
    registerIpc(fixtureHandlers({ [CHANNELS.releaseIsolation]: release }), trusted, log);
    await expect(invoke(CHANNELS.releaseIsolation, from(new FakeWebContents()), { code: 'KAKU-2026' })).rejects.toThrow(/^forbidden$/);
    await expect(invoke(CHANNELS.releaseIsolation, from(window, 'https://evil.example/'), { code: 'KAKU-2026' })).rejects.toThrow(/^forbidden$/);
    expect(release).not.toHaveBeenCalled();
    await expect(invoke(CHANNELS.releaseIsolation, from(window), { code: 'KAKU-2026' })).resolves.toEqual({ result: 'released' });
  });

  it.each([
    [CHANNELS.getSnapshot, ['unexpected']],
    [CHANNELS.recheck, []],
    [CHANNELS.recheck, [{ check: 'usb; rm -rf /' }]],
    [CHANNELS.recheck, [{ check: 'usb', extra: true }]],
    [CHANNELS.getGuidance, [{ id: '../../etc/passwd' }]],
    [CHANNELS.setLanguage, [{ lang: 'fr' }]],
    [CHANNELS.contact, [{ role: 'csirt', findingId: 'x' }]],
    [CHANNELS.contact, [{ role: 'attacker@example.com' }]],
    [CHANNELS.contact, [{ role: 'csirt' }, 'https://evil.example/']],
    [CHANNELS.isolationStatus, [{ socketPath: '/tmp/evil.sock' }]],
    [CHANNELS.releaseIsolation, []],
    [CHANNELS.releaseIsolation, [{ code: '' }]],
    [CHANNELS.releaseIsolation, [{ code: 'x'.repeat(257) }]],
    [CHANNELS.releaseIsolation, [{ code: 123456 }]],
    [CHANNELS.releaseIsolation, [{ code: 'KAKU-2026', admin: true }]],
  ])('%s rejects the bad payload %j with "invalid-arguments"', async (channel, args) => {
    registerIpc(fixtureHandlers(), trusted, log);
    await expect(invoke(channel, from(window), ...args)).rejects.toThrow(/^invalid-arguments$/);
  });

  it('validates results: an invalid one becomes "internal-error" (logged in main, nothing leaks)', async () => {
    registerIpc(fixtureHandlers({ [CHANNELS.getSnapshot]: async () => ({ ...snapshot(), trayState: 'on-fire' }) as never }), trusted, log);
    const error = await invoke(CHANNELS.getSnapshot, from(window)).catch((e: Error) => e);
    expect((error as Error).message).toBe('internal-error');
    expect(log).toHaveBeenCalledOnce();
  });

  it('a handler that throws gives "internal-error", not its message', async () => {
    registerIpc(fixtureHandlers({ [CHANNELS.recheck]: async () => Promise.reject(new Error('EACCES /etc/mamori/policy.json')) }), trusted, log);
    await expect(invoke(CHANNELS.recheck, from(window), {})).rejects.toThrow(/^internal-error$/);
  });

  it('strips what the contract does not name from results, and refuses results the contract forbids', async () => {
    const check = { id: 'usb' as const, status: 'fail' as const, unknowns: [], findings: [{ ...finding(), secret: 'x' }], checkedAt: '2026-11-26T10:00:00.000Z' };
    registerIpc(fixtureHandlers({ [CHANNELS.getSnapshot]: async () => snapshot({ checks: [check] }) }), trusted, log);
    const result = (await invoke(CHANNELS.getSnapshot, from(window))) as { checks: { findings: object[] }[] };
    expect(result.checks[0]!.findings[0]).toEqual(finding());
    // The snapshot itself is a strict object: an extra field is an error, not silently passed on.
    ipcMain.handlers.clear();
    registerIpc(fixtureHandlers({ [CHANNELS.getSnapshot]: async () => ({ ...snapshot(), secret: 'x' }) as never }), trusted, log);
    await expect(invoke(CHANNELS.getSnapshot, from(window))).rejects.toThrow(/^internal-error$/);
  });

  it('a window is no longer trusted once destroyed', async () => {
    registerIpc(fixtureHandlers(), trusted, log);
    window.destroy();
    await expect(invoke(CHANNELS.getSnapshot, from(window))).rejects.toThrow(/^forbidden$/);
  });
});

describe('IPC with the real handlers', () => {
  it('the contact action opens a mailto: link from the policy, and nothing else can be opened', async () => {
    const host = { info: { platform: 'linux', osVersion: 't', locale: 'ja-JP', hostname: 'pc' } } as Host;
    const service = await AgentService.create({
      host,
      probes: notYetSupported('linux'),
      loadPolicy: async () => ({ policy: policyWith(), source: { kind: 'file', file: '/etc/mamori/policy.json' }, problems: [] }),
      guidance: loadGuidance,
      isolation: unusedIsolation,
    });
    const opened: string[] = [];
    registerIpc(createHandlers(service, mailtoOpener(async (url) => void opened.push(url))), trusted, log);
    await expect(invoke(CHANNELS.contact, from(window), { role: 'csirt' })).resolves.toBeNull();
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatch(/^mailto:csirt%40example\.go\.jp\?subject=/);
    await expect(mailtoOpener(async () => undefined)('https://evil.example/')).rejects.toThrow('forbidden');
    await expect(mailtoOpener(async () => undefined)('javascript:alert(1)')).rejects.toThrow('forbidden');
  });
});

describe('snapshot broadcast', () => {
  it('goes to trusted, live windows only', () => {
    const other = new FakeWebContents();
    const closed = new FakeWebContents();
    trusted.add(closed);
    closed.destroy();
    broadcastSnapshot(trusted, snapshot({ trayState: 'violation' }), log);
    expect(window.sent).toEqual([{ channel: EVENTS.snapshot, args: [snapshot({ trayState: 'violation' })] }]);
    expect(other.sent).toEqual([]);
    expect(closed.sent).toEqual([]);
  });

  it('sends nothing that does not fit the contract (and says so in main)', () => {
    broadcastSnapshot(trusted, { ...snapshot(), secret: 'x' } as never, log);
    expect(window.sent).toEqual([]);
    expect(log).toHaveBeenCalledOnce();
  });

  it('report status events are checked against the contract too', () => {
    const status = { id: RECEIPT_ID, channels: [{ target: '127.0.0.1:6514', state: 'delivered' as const }] };
    broadcast(trusted, EVENTS.reportStatus, status, log);
    broadcast(trusted, EVENTS.reportStatus, { ...status, channels: [{ target: 'x', state: 'lost' }] } as never, log);
    expect(window.sent).toEqual([{ channel: EVENTS.reportStatus, args: [status] }]);
    expect(log).toHaveBeenCalledOnce();
  });

  it('does no work when no window is open', () => {
    window.destroy();
    broadcastSnapshot(trusted, { not: 'a snapshot' } as never, log);
    expect(log).not.toHaveBeenCalled();
  });
});
