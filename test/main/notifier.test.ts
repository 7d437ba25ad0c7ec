import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Notifier } from '../../src/main/notify/notifier';
import { Notification, resetFakeElectron } from './fake-electron';
import { finding } from './fixtures';

vi.mock('electron', () => import('./fake-electron.js'));

beforeEach(() => resetFakeElectron());

describe('notifier', () => {
  it('shows a notification per new finding, with catalogue text; clicking opens its alert', () => {
    const openAlert = vi.fn();
    const notifier = new Notifier(openAlert, () => 0);
    expect(notifier.announce([finding()], 'ja')).toEqual([finding()]);
    expect(Notification.shown.map((n) => n.options)).toEqual([
      { title: 'Mamori：違反', body: '組織が承認していないUSB機器「ACME Stick」が接続されました。', urgency: 'critical' },
    ]);
    Notification.shown[0]!.emit('click');
    expect(openAlert).toHaveBeenCalledWith(finding().id);
  });

  it('is rate-limited: the same finding again within the hour shows nothing', () => {
    let now = 0;
    const notifier = new Notifier(vi.fn(), () => now);
    notifier.announce([finding()], 'ja');
    now = 10 * 60_000;
    expect(notifier.announce([finding()], 'ja')).toEqual([]);
    expect(Notification.shown).toHaveLength(1);
  });

  it('where notifications are unsupported, still reports what it would have announced (the alert window follows)', () => {
    Notification.supported = false;
    const notifier = new Notifier(vi.fn(), () => 0);
    expect(notifier.announce([finding()], 'ja')).toEqual([finding()]);
    expect(Notification.shown).toHaveLength(0);
  });
});
