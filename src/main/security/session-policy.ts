import type { Session } from 'electron';

/**
 * Mamori shows no remote content, so no request from its windows may leave for the network or the
 * file system. Listed scheme by scheme: in Electron '<all_urls>' can match custom schemes too, and
 * app:// (Mamori's own pages) must keep working.
 */
const BLOCKED_REQUESTS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'file://*/*'];

/**
 * Locks down the session Mamori's windows use (Electron checklist items 1 and 5). The windows need
 * no browser permission at all (camera, notifications, clipboard, USB, HID, serial…): every
 * request, check and device permission is refused, and nothing can be downloaded.
 */
export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest({ urls: BLOCKED_REQUESTS }, (_details, callback) => callback({ cancel: true }));
  session.on('will-download', (event) => event.preventDefault());
}
