import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { powerMonitorSource, SCREEN_LOCK_EVENTS } from '../../src/main/agent/power-monitor-source';

describe('powerMonitor change source', () => {
  it('lock, unlock, suspend and resume make the screen-lock check run now; unsubscribing stops it', () => {
    const power = new EventEmitter();
    const changed: string[] = [];
    const stop = powerMonitorSource(power).subscribe((check) => changed.push(check));
    for (const event of SCREEN_LOCK_EVENTS) power.emit(event);
    power.emit('on-ac');
    expect(changed).toEqual(['screen-lock', 'screen-lock', 'screen-lock', 'screen-lock']);
    stop();
    for (const event of SCREEN_LOCK_EVENTS) expect(power.listenerCount(event)).toBe(0);
  });
});
