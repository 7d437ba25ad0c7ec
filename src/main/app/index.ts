import { app } from 'electron';
import { Platform } from '../../shared/checks';
import { registerAppScheme } from '../protocol/register-app-protocol';
import { guardWebContents } from '../security/web-contents-guards';
import { APP_ID } from './identity';
import { logError } from './log';
import { startMamori, type RunningMamori } from './start';

/**
 * Mamori's Electron entry point (package.json "main"): process-wide settings that must precede
 * 'ready', the single-instance lock, then startMamori(). It runs in the background with no window
 * open; windows come and go on demand.
 */

/** The running app, at module scope so the Tray is never garbage-collected (the launch test reads it too). */
export const mamori: { running?: RunningMamori } = {};

// Every renderer sandboxed, whatever a window's options say (Electron checklist item 4).
app.enableSandbox();
// Windows shows toasts only for the AppUserModelID of the installer's shortcut (electron-builder appId).
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
registerAppScheme();

const platform = Platform.safeParse(process.platform);

if (!platform.success) {
  logError('unsupported platform', process.platform);
  app.exit(2);
} else if (!app.requestSingleInstanceLock()) {
  // Another Mamori is running; it opens its status window on 'second-instance'.
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  // Closing the last window must not quit: the agent keeps watching from the tray.
  app.on('window-all-closed', () => undefined);
  app.on('second-instance', () => mamori.running?.windows.showStatus());
  app.on('before-quit', () => void mamori.running?.service.stop());
  app
    .whenReady()
    .then(() => startMamori(platform.data))
    .then((running) => {
      mamori.running = running;
    })
    .catch((e: unknown) => {
      logError('failed to start', e);
      app.exit(1);
    });
}
