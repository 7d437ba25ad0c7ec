import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { contract, events, type Channel, type EventName, type EventPayload, type Snapshot } from '../../shared/ipc/contract';
import { EVENTS } from '../../shared/ipc/channels';
import { dispatch, IpcRejection, type Handlers } from '../../node/agent/ipc-handlers';
import { isTrustedSender, type InvokeSender } from './sender-check';
import type { TrustedSenders } from './trusted-senders';
import { logError, type Log } from '../app/log';

/**
 * The codes a window can get back. Only an Error's message crosses ipcMain.handle, so nothing else
 * (stack, paths, zod issues) ever reaches a renderer.
 */
export type IpcErrorCode = 'forbidden' | 'unknown-channel' | 'invalid-arguments' | 'rate-limited' | 'internal-error';

/**
 * Answers one request: sender first, then dispatch() (src/node/agent/ipc-handlers.ts), which
 * validates the arguments and the result against the contract.
 */
async function answer(
  handlers: Handlers,
  trusted: TrustedSenders,
  channel: Channel,
  event: InvokeSender,
  args: readonly unknown[],
  log: Log,
): Promise<unknown> {
  if (!isTrustedSender(event, trusted)) throw codedError('forbidden');
  try {
    return await dispatch(handlers, channel, args);
  } catch (e) {
    if (e instanceof IpcRejection) throw codedError(e.message as IpcErrorCode);
    log(`IPC ${channel} failed`, e);
    throw codedError('internal-error');
  }
}

const codedError = (code: IpcErrorCode): Error => new Error(code);

/**
 * Registers one handler per contract channel: the only place Mamori touches ipcMain. Returns a
 * function that removes them.
 */
export function registerIpc(handlers: Handlers, trusted: TrustedSenders, log: Log = logError): () => void {
  const channels = Object.keys(contract) as Channel[];
  for (const channel of channels) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, ...args: unknown[]) => answer(handlers, trusted, channel, event, args, log));
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel));
}

/**
 * Sends a snapshot to every open Mamori window, checked against the contract's event schema first:
 * a snapshot that does not fit is logged and not sent (windows keep the last good one).
 */
export function broadcastSnapshot(trusted: TrustedSenders, snapshot: Snapshot, log: Log = logError): void {
  broadcast(trusted, EVENTS.snapshot, snapshot, log);
}

/** Any contract event, checked against its schema first; a payload that does not fit is logged and not sent. */
export function broadcast<E extends EventName>(trusted: TrustedSenders, event: E, value: EventPayload<E>, log: Log = logError): void {
  const receivers = trusted.all();
  if (receivers.length === 0) return; // no window open: the idle agent does no work for windows
  const payload = events[event].safeParse(value);
  if (!payload.success) return log(`${event} does not fit the IPC contract`, payload.error);
  for (const contents of receivers) contents.send(event, payload.data);
}
