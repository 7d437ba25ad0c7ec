import type { MenuItemConstructorOptions } from 'electron';
import type { Snapshot } from '../../shared/ipc/contract';
import type { Lang } from '../../shared/localized';
import { t } from '../../shared/i18n';
import { trayStateLabel } from './tray-labels';

/** What the menu items do; the composition root binds them to windows and the agent. */
export interface TrayActions {
  openStatus(): void;
  openBooklet(): void;
  openContacts(): void;
  /** The report window: infection (disconnect and report), suspicious mail, lost device, other. */
  openReport(): void;
  recheck(): void;
  quit(): void;
}

/**
 * The tray's context menu for one snapshot. Pure (the clicks only call the given actions), so each
 * state can be tested without Electron. There is no item that switches a check off: staff cannot,
 * and quitting is offered only when the organisation's policy allows it.
 */
export function trayMenuTemplate(snapshot: Snapshot, lang: Lang, allowQuit: boolean, actions: TrayActions): MenuItemConstructorOptions[] {
  const header: MenuItemConstructorOptions[] = [
    { id: 'status', label: t(lang, 'tray.status', { state: trayStateLabel(snapshot.trayState, lang) }), enabled: false },
    ...(snapshot.checking.length > 0 ? [{ id: 'checking', label: t(lang, 'tray.checking'), enabled: false }] : []),
    { type: 'separator' },
  ];
  const actionsItems: MenuItemConstructorOptions[] = [
    { id: 'open-status', label: t(lang, 'tray.open-status'), click: () => actions.openStatus() },
    { id: 'booklet', label: t(lang, 'tray.booklet'), click: () => actions.openBooklet() },
    { id: 'contacts', label: t(lang, 'tray.contacts'), click: () => actions.openContacts() },
    { id: 'report', label: t(lang, 'tray.report'), click: () => actions.openReport() },
    { id: 'recheck', label: t(lang, 'tray.recheck'), click: () => actions.recheck() },
  ];
  const quit: MenuItemConstructorOptions[] = allowQuit
    ? [{ type: 'separator' }, { id: 'quit', label: t(lang, 'tray.quit'), click: () => actions.quit() }]
    : [];
  return [...header, ...actionsItems, ...quit];
}
