import type { SessionState } from '../../shared/facts';
import type { Observed } from '../../shared/observed';
import type { Probe } from './probe';

/**
 * A screen-lock probe whose live session state (locked, idle seconds) comes from elsewhere: on
 * Windows and macOS the OS tells the tray app through Electron's powerMonitor, which no command
 * can ask. The configured auto-lock still comes from the OS probe.
 */
export function withSessionFrom(probe: Probe<'screen-lock'>, session: () => Promise<Observed<SessionState>>): Probe<'screen-lock'> {
  return {
    check: 'screen-lock',
    async collect(host) {
      const [facts, live] = await Promise.all([probe.collect(host), session()]);
      return { ...facts, session: live };
    },
  };
}
