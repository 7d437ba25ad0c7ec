import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CHANNELS as SHARED_CHANNELS, EVENTS as SHARED_EVENTS } from '../../shared/ipc/channels';
import type { MamoriApi, ReportStatusEvent, Snapshot } from '../../shared/ipc/contract';

/**
 * The preload of every Mamori window: exposes window.mamori, one named function per contract
 * channel and one subscription, and nothing else (no generic invoke/on, no ipcRenderer, no
 * IpcRendererEvent: Electron checklist item 20). Main validates every argument; the renderer
 * validates every result.
 *
 * A sandboxed preload's require() knows 'electron' and a few Node built-ins, not our files, so the
 * compiled preload must need nothing but 'electron' (test/main/preload.test.ts reads the compiled
 * file to hold that). The channel names are therefore restated here, and `satisfies` makes the
 * compiler prove they are exactly the ones in src/shared/ipc/channels.ts.
 */
const CHANNELS = {
  getSnapshot: 'mamori:getSnapshot',
  recheck: 'mamori:recheck',
  getGuidance: 'mamori:getGuidance',
  setLanguage: 'mamori:setLanguage',
  contact: 'mamori:contact',
  report: 'mamori:report',
  isolationStatus: 'mamori:isolationStatus',
  releaseIsolation: 'mamori:releaseIsolation',
} as const satisfies typeof SHARED_CHANNELS;

const EVENTS = { snapshot: 'mamori:snapshot', reportStatus: 'mamori:reportStatus' } as const satisfies typeof SHARED_EVENTS;

/** The page gets the payload only, never the IpcRendererEvent (whose sender is ipcRenderer itself). */
function subscribe<T>(event: string, listener: (payload: T) => void): () => void {
  if (typeof listener !== 'function') throw new TypeError('a subscription needs a function');
  const forward = (_event: IpcRendererEvent, payload: T) => listener(payload);
  ipcRenderer.on(event, forward);
  return () => {
    ipcRenderer.removeListener(event, forward);
  };
}

const api: MamoriApi = {
  // Each function forwards exactly its own arguments: nothing extra reaches main.
  getSnapshot: () => ipcRenderer.invoke(CHANNELS.getSnapshot),
  recheck: (request) => ipcRenderer.invoke(CHANNELS.recheck, request),
  getGuidance: (request) => ipcRenderer.invoke(CHANNELS.getGuidance, request),
  setLanguage: (request) => ipcRenderer.invoke(CHANNELS.setLanguage, request),
  contact: (request) => ipcRenderer.invoke(CHANNELS.contact, request),
  report: (request) => ipcRenderer.invoke(CHANNELS.report, request),
  isolationStatus: () => ipcRenderer.invoke(CHANNELS.isolationStatus),
  releaseIsolation: (request) => ipcRenderer.invoke(CHANNELS.releaseIsolation, request),
  onSnapshot: (listener) => subscribe<Snapshot>(EVENTS.snapshot, listener),
  onReportStatus: (listener) => subscribe<ReportStatusEvent>(EVENTS.reportStatus, listener),
};

contextBridge.exposeInMainWorld('mamori', Object.freeze(api));
