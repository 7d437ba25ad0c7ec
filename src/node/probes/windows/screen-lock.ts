import { unknown } from '../../../shared/observed';
import type { Probe } from '../probe';
import { KEYS, lockConfigFrom } from './lock-config';
import { CONSOLELOCK, readPowerSetting, VIDEOIDLE } from './powercfg';
import { regQuery } from './reg';

/**
 * Windows screen lock: the configured auto-lock from the registry and the power plan.
 * Whether the session is locked or idle right now cannot be read from reg.exe or powercfg: the
 * Electron tray app supplies that from powerMonitor (lock-screen / unlock-screen events and
 * getSystemIdleTime). Until it does, the session is reported unknown (not-supported), never "unlocked".
 */
export const windowsScreenLockProbe: Probe<'screen-lock'> = {
  check: 'screen-lock',
  async collect(host) {
    const [desktopPolicy, desktopUser, systemPolicy, consoleLockPolicy, consoleLock, videoIdle] = await Promise.all([
      regQuery(host, KEYS.desktopPolicy),
      regQuery(host, KEYS.desktopUser),
      regQuery(host, KEYS.systemPolicy),
      regQuery(host, KEYS.consoleLockPolicy),
      readPowerSetting(host, CONSOLELOCK),
      readPowerSetting(host, VIDEOIDLE),
    ]);
    return {
      config: lockConfigFrom({ desktopPolicy, desktopUser, systemPolicy, consoleLockPolicy, consoleLock, videoIdle }),
      session: unknown('not-supported', 'session state comes from the tray app'),
    };
  },
};
