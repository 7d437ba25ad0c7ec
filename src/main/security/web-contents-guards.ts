import type { WebContents } from 'electron';
import { isAppUrl } from '../app/app-url';

/**
 * Applied to every webContents as it is created (Electron checklist items 12–14): no new windows,
 * no navigation or redirect away from app://mamori, no <webview>. Mamori's own windows change page
 * by hash route, which is not a navigation and needs none of this.
 */
export function guardWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
