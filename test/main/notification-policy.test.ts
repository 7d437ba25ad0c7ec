import { describe, expect, it } from 'vitest';
import { EMPTY_HISTORY, selectNotifications, type NotificationHistory } from '../../src/main/notify/notification-policy';
import { notificationContent } from '../../src/main/notify/notification-content';
import { alertFinding } from '../../src/main/windows/alert-policy';
import { finding } from './fixtures';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const id = (n: number) => `usb-unapproved-device/${n.toString(16).padStart(16, '0')}`;
const many = (count: number) => Array.from({ length: count }, (_, i) => finding({ id: id(i + 1) }));

/** Runs cycles at the given times, carrying the history; returns the ids shown per cycle. */
function run(cycles: [at: number, raised: ReturnType<typeof finding>[]][]): string[][] {
  let history: NotificationHistory = EMPTY_HISTORY;
  return cycles.map(([at, raised]) => {
    const result = selectNotifications(raised, history, at);
    history = result.history;
    return result.show.map((f) => f.id);
  });
}

describe('which findings notify', () => {
  it('a new finding notifies once', () => {
    expect(run([[0, [finding()]]])).toEqual([[finding().id]]);
  });

  it('the same finding raised again within the hour (a stick plugged in and out) stays quiet, then may notify again', () => {
    const f = finding();
    expect(run([[0, [f]], [5 * MINUTE, [f]], [59 * MINUTE, [f]], [HOUR, [f]]])).toEqual([[f.id], [], [], [f.id]]);
  });

  it('at most three per minute; the rest wait for the tray and status window', () => {
    const [a, b, c, d, e] = many(5);
    expect(run([[0, [a!, b!, c!, d!]], [30_000, [e!]], [MINUTE, [e!]]])).toEqual([[a!.id, b!.id, c!.id], [], [e!.id]]);
  });

  it('violations go first when the limit bites', () => {
    const info = finding({ id: id(1), kind: 'usb-approved-device', severity: 'info' });
    const warning = finding({ id: id(2), severity: 'warning' });
    const violations = [finding({ id: id(3) }), finding({ id: id(4) }), finding({ id: id(5) })];
    expect(run([[0, [info, warning, ...violations]]])).toEqual([violations.map((v) => v.id)]);
  });

  it('forgets what is older than an hour, so the history stays small', () => {
    const first = selectNotifications(many(3), EMPTY_HISTORY, 0);
    const later = selectNotifications([], first.history, HOUR + 1);
    expect(later.history.lastShown.size).toBe(0);
    expect(later.history.recent).toEqual([]);
  });

  it('does not change the history it was given', () => {
    const before = selectNotifications([finding()], EMPTY_HISTORY, 0).history;
    selectNotifications(many(3), before, 1);
    expect([...before.lastShown.keys()]).toEqual([finding().id]);
    expect(before.recent).toEqual([0]);
  });
});

describe('notification text', () => {
  it('titles the severity and says what was found, from the catalogue', () => {
    expect(notificationContent(finding(), 'ja')).toEqual({
      title: 'Mamori：違反',
      body: '組織が承認していないUSB機器「ACME Stick」が接続されました。',
      urgency: 'critical',
    });
    expect(notificationContent(finding({ severity: 'warning' }), 'en')).toMatchObject({ title: 'Mamori: Warning', urgency: 'normal' });
  });
});

describe('which announced finding opens the alert window', () => {
  it('the first violation; else an approved USB stick (the 4章-3 reminder); never a plain warning', () => {
    const warning = finding({ id: id(1), severity: 'warning', kind: 'software-unapproved-installed', check: 'software' });
    const approved = finding({ id: id(2), severity: 'info', kind: 'usb-approved-device' });
    const violation = finding({ id: id(3), kind: 'wifi-open-network', check: 'wifi' });
    expect(alertFinding([warning, approved, violation])).toBe(violation);
    expect(alertFinding([warning, approved])).toBe(approved);
    expect(alertFinding([warning])).toBeUndefined();
    expect(alertFinding([])).toBeUndefined();
  });
});
