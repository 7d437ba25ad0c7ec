import { IpcRejection } from '../../node/agent/ipc-handlers';

export const isMailto = (url: string): boolean => {
  try {
    return new URL(url).protocol === 'mailto:';
  } catch {
    return false;
  }
};

/**
 * The openExternal given to createHandlers: the contact action's mail link, built in
 * src/node/agent/ipc-handlers.ts from the policy's contacts, is the one thing Mamori ever hands to
 * the OS (Electron checklist item 15). Anything that is not mailto: is refused before it gets there.
 */
export function mailtoOpener(openExternal: (url: string) => Promise<void>): (url: string) => Promise<void> {
  return async (url) => {
    if (!isMailto(url)) throw new IpcRejection('forbidden');
    await openExternal(url);
  };
}
