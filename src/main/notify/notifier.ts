import { Notification } from 'electron';
import type { Finding } from '../../shared/findings';
import type { Lang } from '../../shared/localized';
import { notificationContent } from './notification-content';
import { EMPTY_HISTORY, selectNotifications, type NotificationHistory } from './notification-policy';

/** Enough for a burst; older ones are dropped from our list (the OS keeps showing them). */
const MAX_REFERENCED = 20;

/**
 * Native notifications for new findings, within the limits of notification-policy.ts. Clicking
 * one opens the alert window for its finding. On Windows a toast shows only because the
 * AppUserModelID was set to APP_ID at start-up (app/index.ts).
 */
export class Notifier {
  private history: NotificationHistory = EMPTY_HISTORY;
  /** Referenced until clicked or closed: a collected Notification loses its click handler. */
  private readonly live: Notification[] = [];

  constructor(
    private readonly openAlert: (findingId: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Announces what a cycle raised; returns the findings announced (the alert window follows them). */
  announce(raised: readonly Finding[], lang: Lang): Finding[] {
    const { show, history } = selectNotifications(raised, this.history, this.now());
    this.history = history;
    if (Notification.isSupported()) for (const finding of show) this.present(finding, lang);
    return show;
  }

  private present(finding: Finding, lang: Lang): void {
    const notification = new Notification(notificationContent(finding, lang));
    const forget = () => {
      const i = this.live.indexOf(notification);
      if (i >= 0) this.live.splice(i, 1);
    };
    notification.once('click', () => {
      forget();
      this.openAlert(finding.id);
    });
    notification.once('close', forget);
    this.live.push(notification);
    if (this.live.length > MAX_REFERENCED) this.live.shift();
    notification.show();
  }
}
