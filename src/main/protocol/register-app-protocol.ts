import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME } from '../app/app-url';
import { createAppProtocolHandler } from './app-protocol';

/**
 * Before app 'ready': app:// behaves like https for the page (standard URL parsing, a real origin,
 * a secure context, fetch). No other privilege: no service workers, no CORS bypass, no CSP bypass.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** After 'ready': serve the renderer build (out/renderer, inside app.asar when packaged) on app://mamori. */
export function serveAppProtocol(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererRoot, (file) => readFile(file)));
}
