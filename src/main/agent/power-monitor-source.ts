import type { ChangeSource } from '../../node/probes/probe';

/** The powerMonitor events after which the screen-lock check is worth running at once. */
export const SCREEN_LOCK_EVENTS = ['lock-screen', 'unlock-screen', 'resume', 'suspend'] as const;
type ScreenLockEvent = (typeof SCREEN_LOCK_EVENTS)[number];

/** The part of Electron's powerMonitor this needs (injected, so this file runs without Electron). */
export interface PowerEvents {
  on(event: ScreenLockEvent, listener: () => void): unknown;
  removeListener(event: ScreenLockEvent, listener: () => void): unknown;
}

/**
 * A ChangeSource for the scheduler: the OS telling us the session was locked, unlocked, put to
 * sleep or woken makes the screen-lock check run now rather than at its next interval.
 */
export function powerMonitorSource(power: PowerEvents): ChangeSource {
  return {
    subscribe(onChange) {
      const changed = () => onChange('screen-lock');
      for (const event of SCREEN_LOCK_EVENTS) power.on(event, changed);
      return () => {
        for (const event of SCREEN_LOCK_EVENTS) power.removeListener(event, changed);
      };
    },
  };
}
