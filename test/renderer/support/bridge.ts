import type { Page } from '@playwright/test';
import { CHANNELS, EVENTS } from '../../../src/shared/ipc/channels';
import { events, type EventName } from '../../../src/shared/ipc/contract';
import { dispatch } from '../../../src/node/agent/ipc-handlers';
import type { TestAgent } from './agent';

/**
 * The page side: window.mamori exactly as the preload exposes it, one function per channel and a
 * subscription that hands listeners the payload only, frozen and non-writable. Requests travel
 * through the __mamoriIpc binding (ipcRenderer.invoke); pushed events (snapshots, report status) are
 * fetched by long polling __mamoriNextEvents (webContents.send). Runs in the browser: no imports, no closures.
 */
function preload({ channels, eventNames }: { channels: typeof CHANNELS; eventNames: typeof EVENTS }): void {
  const transport = window as unknown as {
    __mamoriIpc(channel: string, args: unknown[]): Promise<unknown>;
    __mamoriNextEvents(): Promise<{ event: string; payload: unknown }[]>;
  };
  const invoke = (channel: string, ...args: unknown[]) => transport.__mamoriIpc(channel, args);
  const listeners = new Set<{ event: string; listener: (payload: unknown) => void }>();
  let polling = false;
  const poll = async () => {
    if (polling) return;
    polling = true;
    try {
      while (listeners.size > 0) {
        const sent = await transport.__mamoriNextEvents();
        for (const { event, payload } of sent)
          for (const subscription of [...listeners]) {
            if (subscription.event !== event) continue;
            try {
              subscription.listener(payload);
            } catch (e) {
              console.error(e);
            }
          }
      }
    } finally {
      polling = false;
    }
  };
  const subscribe = (event: string, listener: (payload: unknown) => void) => {
    const subscription = { event, listener: (payload: unknown) => listener(payload) };
    listeners.add(subscription);
    void poll();
    return () => void listeners.delete(subscription);
  };
  const api = {
    getSnapshot: () => invoke(channels.getSnapshot),
    recheck: (request: unknown) => invoke(channels.recheck, request),
    getGuidance: (request: unknown) => invoke(channels.getGuidance, request),
    setLanguage: (request: unknown) => invoke(channels.setLanguage, request),
    contact: (request: unknown) => invoke(channels.contact, request),
    report: (request: unknown) => invoke(channels.report, request),
    isolationStatus: () => invoke(channels.isolationStatus),
    releaseIsolation: (request: unknown) => invoke(channels.releaseIsolation, request),
    onSnapshot: (listener: (snapshot: unknown) => void) => subscribe(eventNames.snapshot, listener),
    onReportStatus: (listener: (status: unknown) => void) => subscribe(eventNames.reportStatus, listener),
  };
  Object.defineProperty(window, 'mamori', { value: Object.freeze(api), enumerable: true, writable: false, configurable: false });
}

/**
 * The main side, bound to the real agent: every request goes through dispatch() (the contract's
 * validation and the same handlers main binds), only from the page's main frame, as main checks
 * the sender frame. Returns a function that stops forwarding snapshots.
 */
export async function installBridge(page: Page, agent: TestAgent): Promise<() => void> {
  type Sent = { event: EventName; payload: unknown };
  const pending: Sent[] = [];
  let waiter: ((sent: Sent[]) => void) | null = null;
  const send = (event: EventName, value: unknown) => {
    // As main does before webContents.send: only what the event schema names leaves the process.
    const payload = events[event].parse(value);
    if (waiter) {
      waiter([{ event, payload }]);
      waiter = null;
    } else pending.push({ event, payload });
  };
  const stops = [
    agent.service.onSnapshot((snapshot) => send(EVENTS.snapshot, snapshot)),
    agent.service.onReportStatus((status) => send(EVENTS.reportStatus, status)),
  ];
  const stop = () => stops.forEach((s) => s());

  await page.exposeBinding('__mamoriIpc', async (source, channel: unknown, args: unknown) => {
    if (source.frame !== source.page.mainFrame()) throw new Error('forbidden');
    if (typeof channel !== 'string' || !Array.isArray(args)) throw new Error('invalid-arguments');
    return dispatch(agent.handlers, channel, args);
  });
  await page.exposeBinding('__mamoriNextEvents', async (source) => {
    if (source.frame !== source.page.mainFrame()) throw new Error('forbidden');
    if (pending.length > 0) return pending.splice(0);
    // One poller per page: a new call (after a reload) replaces a waiter left by the old document.
    waiter?.([]);
    return new Promise<Sent[]>((resolve) => (waiter = resolve));
  });
  await page.addInitScript(preload, { channels: CHANNELS, eventNames: EVENTS });
  return stop;
}
