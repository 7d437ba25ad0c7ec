import type { SessionState } from '../../shared/facts';
import type { Observed } from '../../shared/observed';
import { known, unknown } from '../../shared/observed';

/** The part of Electron's powerMonitor that tells the live session state (injected: testable without Electron). */
export interface PowerState {
  getSystemIdleState(idleThreshold: number): 'active' | 'idle' | 'locked' | 'unknown';
  getSystemIdleTime(): number;
}

/**
 * Locked or not, and seconds since the last input, as the OS tells Electron. On Windows "locked"
 * also covers a running screen saver; the configured lock (with its password) is judged separately.
 */
export function sessionFromPowerMonitor(power: PowerState): () => Promise<Observed<SessionState>> {
  return async () => {
    try {
      const state = power.getSystemIdleState(1);
      if (state === 'unknown') return unknown('not-supported', 'powerMonitor idle state');
      return known({ locked: state === 'locked', idleSeconds: power.getSystemIdleTime() });
    } catch (e) {
      return unknown('probe-error', e instanceof Error ? e.message : String(e));
    }
  };
}
