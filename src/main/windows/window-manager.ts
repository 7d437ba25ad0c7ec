import { BrowserWindow } from 'electron';
import { t } from '../../shared/i18n';
import type { Log } from '../app/log';
import type { TrustedSenders } from '../ipc/trusted-senders';
import { pageUrl, ROUTES, type Route } from './routes';
import { hardenedWebPreferences } from './web-preferences';

/** The two windows: status (also shows the booklet and contacts pages) and the one alert window. */
export type WindowKind = 'status' | 'alert';

const SIZES: Record<WindowKind, { width: number; height: number }> = {
  status: { width: 960, height: 720 },
  alert: { width: 560, height: 640 },
};

export interface WindowManagerOptions {
  preload: string;
  devTools: boolean;
  trusted: TrustedSenders;
  log: Log;
}

/**
 * Opens Mamori's windows on demand and lets them be destroyed when closed, so the agent idles in
 * the tray with no renderer process at all. At most one window of each kind: a second request
 * brings the existing one forward with the new page (a new alert replaces the one shown, it never
 * stacks up windows).
 */
export class WindowManager {
  private readonly windows = new Map<WindowKind, BrowserWindow>();

  constructor(private readonly options: WindowManagerOptions) {}

  showStatus(route: Route = ROUTES.status): void {
    this.show('status', route);
  }

  showAlert(findingId: string): void {
    this.show('alert', ROUTES.alert(findingId));
  }

  private show(kind: WindowKind, route: Route): void {
    const existing = this.windows.get(kind);
    const window = existing && !existing.isDestroyed() ? existing : this.create(kind);
    window.loadURL(pageUrl(route)).catch((e: unknown) => this.options.log(`loading ${route} failed`, e));
    if (window === existing) {
      window.show();
      window.focus();
    }
  }

  private create(kind: WindowKind): BrowserWindow {
    // electronegativity reads only the literal on the next line, so it would report these missing:
    // - CONTEXT_ISOLATION, SANDBOX: set by hardenedWebPreferences() (every flag pinned by
    //   test/main/web-preferences.test.ts), and app.enableSandbox() sandboxes every renderer anyway;
    // - AUXCLICK (middle-click opening a window): every window.open, middle-click included, goes
    //   through setWindowOpenHandler, which denies all (security/web-contents-guards.ts).
    const window = new BrowserWindow({ // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
      ...SIZES[kind],
      show: false,
      title: t('ja', 'app.name'),
      autoHideMenuBar: true,
      webPreferences: hardenedWebPreferences({ preload: this.options.preload, devTools: this.options.devTools }),
    });
    window.removeMenu();
    // Trusted before the page loads, so the preload's first request is answered.
    this.options.trusted.add(window.webContents);
    window.once('ready-to-show', () => {
      window.show();
      window.focus();
    });
    window.on('closed', () => {
      if (this.windows.get(kind) === window) this.windows.delete(kind);
    });
    this.windows.set(kind, window);
    return window;
  }
}
