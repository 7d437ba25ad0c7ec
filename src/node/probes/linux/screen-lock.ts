import type { ScreenLockConfig } from '../../../shared/facts';
import type { Observed } from '../../../shared/observed';
import { unknown } from '../../../shared/observed';
import type { Host } from '../../host/host';
import type { Probe } from '../probe';
import type { DesktopSession } from './desktop-session';
import { findDesktopSession, runsDesktop } from './desktop-session';
import { gnomeLockConfig } from './gnome-lock-config';
import { kdeLockConfig } from './kde-lock-config';
import { lockSessionState } from './lock-session-state';

function lockConfigOf(host: Host, session: DesktopSession): Promise<Observed<ScreenLockConfig>> {
  if (runsDesktop(session, 'GNOME')) return gnomeLockConfig(host, session.busEnv);
  if (runsDesktop(session, 'KDE')) return kdeLockConfig(host);
  const desktop = session.desktops.length > 0 ? session.desktops.join(':') : 'XDG_CURRENT_DESKTOP unset';
  return Promise.resolve(unknown('not-supported', `screen-lock settings of ${desktop}`));
}

/** Screen lock on GNOME and KDE Plasma, asked through the logged-in user's session. */
export const linuxScreenLockProbe: Probe<'screen-lock'> = {
  check: 'screen-lock',
  async collect(host) {
    const session = await findDesktopSession(host);
    if (session === null) {
      // Without a session bus gsettings prints the schema defaults (idle-delay 300, lock-enabled true),
      // which look compliant and say nothing about this user: nothing is read at all.
      const why = unknown('no-desktop-session', 'DBUS_SESSION_BUS_ADDRESS is unset and $XDG_RUNTIME_DIR/bus does not exist');
      return { config: why, session: why };
    }
    const [config, state] = await Promise.all([lockConfigOf(host, session), lockSessionState(host, session.busEnv)]);
    return { config, session: state };
  },
};
