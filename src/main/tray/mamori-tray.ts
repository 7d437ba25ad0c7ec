import { Menu, Tray } from 'electron';
import type { Snapshot } from '../../shared/ipc/contract';
import { trayIconFile } from './tray-icon';
import { trayTooltip } from './tray-labels';
import { trayMenuTemplate, type TrayActions } from './menu-template';

/**
 * The tray icon: its image, tooltip and context menu follow each snapshot. Everything it shows is
 * decided by the pure builders next to it; this class only hands their output to Electron. The
 * owner must keep the instance referenced for the app's lifetime (a collected Tray disappears).
 */
export class MamoriTray {
  private readonly tray: Tray;
  private menu: Menu | null = null;

  constructor(
    private readonly iconsDir: string,
    private readonly actions: TrayActions,
  ) {
    this.tray = new Tray(trayIconFile(iconsDir, 'unknown', process.platform));
    // macOS opens the context menu on click by itself; elsewhere a click opens the status window.
    if (process.platform !== 'darwin') this.tray.on('click', () => actions.openStatus());
  }

  /** Linux needs setContextMenu again after any change, so the menu is rebuilt, not mutated. */
  update(snapshot: Snapshot, allowQuit: boolean): void {
    this.tray.setImage(trayIconFile(this.iconsDir, snapshot.trayState, process.platform));
    this.tray.setToolTip(trayTooltip(snapshot.trayState));
    this.menu = Menu.buildFromTemplate(trayMenuTemplate(snapshot, snapshot.lang, allowQuit, this.actions));
    this.tray.setContextMenu(this.menu);
  }

  /** The items of the current menu, for the Electron launch test (test/electron) to read. */
  menuItems(): { id: string; label: string; enabled: boolean; type: string }[] {
    return (this.menu?.items ?? []).map(({ id, label, enabled, type }) => ({ id, label, enabled, type }));
  }

  destroy(): void {
    this.tray.destroy();
  }
}
