import type { Finding } from '../../shared/findings';
import type { Lang } from '../../shared/localized';
import { t } from '../../shared/i18n';
import { findingText } from '../../shared/present/finding-text';

export interface NotificationContent {
  title: string;
  body: string;
  /** Linux: a violation stays on screen until dismissed; Windows and macOS ignore it. */
  urgency: 'normal' | 'critical';
}

/** The notification for a finding: its severity in the title, the same sentence the CLI prints as the body. */
export function notificationContent(finding: Finding, lang: Lang): NotificationContent {
  return {
    title: t(lang, 'notify.title', { severity: t(lang, `severity.${finding.severity}`) }),
    body: findingText(finding, lang),
    urgency: finding.severity === 'violation' ? 'critical' : 'normal',
  };
}
