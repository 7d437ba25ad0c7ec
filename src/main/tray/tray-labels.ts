import type { Lang } from '../../shared/localized';
import { t, type MessageKey } from '../../shared/i18n';
import type { TrayState } from '../../shared/present/tray-state';

/** The words for each tray state, from the catalogue the CLI and the windows use too. */
const STATE_LABEL: Record<TrayState, MessageKey> = {
  compliant: 'status.pass',
  warning: 'severity.warning',
  violation: 'severity.violation',
  unknown: 'status.unknown',
};

export const trayStateLabel = (state: TrayState, lang: Lang): string => t(lang, STATE_LABEL[state]);

/**
 * The tray tooltip: short (Windows cuts tooltips at 127 characters) and Japanese first, with the
 * English after it, whatever language the windows are set to: it is the one text everyone sees.
 */
export function trayTooltip(state: TrayState): string {
  return `${t('ja', 'tray.tooltip', { state: trayStateLabel(state, 'ja') })} / ${trayStateLabel(state, 'en')}`;
}
