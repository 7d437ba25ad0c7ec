import { isAppUrl } from '../app/app-url';

/** The part of an IpcMainInvokeEvent the sender check reads (Electron's event satisfies it). */
export interface InvokeSender {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/**
 * Whether an IPC request comes from one of Mamori's own windows (Electron checklist item 17): the
 * frame still exists, is the top frame (never an iframe), belongs to a webContents Mamori created
 * and registered, and shows a page of app://mamori. All four must hold.
 */
export function isTrustedSender(event: InvokeSender, trustedIds: { has(id: number): boolean }): boolean {
  try {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    if (!trustedIds.has(event.sender.id)) return false;
    return isAppUrl(frame.url);
  } catch {
    // A frame disposed while we look at it throws from its getters: it is not trusted either.
    return false;
  }
}
