import type { ScreenLockConfig } from '../../../../shared/facts';
import type { Observed } from '../../../../shared/observed';
import { known, unknown } from '../../../../shared/observed';
import type { Preference } from './preferences';
import { describePreference } from './preferences';
import type { ScreenLockStatus } from './sysadminctl';

/** Everything read about the screen lock, each from its own source. */
export interface ScreenLockReadings {
  status: ScreenLockStatus;
  /** com.apple.screensaver through NSUserDefaults: a configuration profile's value wins there. */
  profile: { askForPassword: Preference<boolean>; askForPasswordDelay: Preference<number>; idleTime: Preference<number> };
  /** The user's own screen saver start time (ByHost), used when no profile sets one. */
  userIdleTime: Preference<number>;
  /** pmset displaysleep of the power source in use; 0 = never. */
  displaySleepMinutes: number;
}

/**
 * The screen locks with a password when the screen saver starts or the display sleeps, whichever
 * comes first, plus the password delay. A start time that is not set is not counted: no command
 * here reports the default macOS then applies, and leaving it out can only lengthen the computed
 * time, never hide a slow lock. 0 means never for both triggers.
 */
export function screenLockConfigFrom(r: ScreenLockReadings): Observed<ScreenLockConfig> {
  const { status, profile, userIdleTime, displaySleepMinutes } = r;
  const passwordRequired = profile.askForPassword.set ? profile.askForPassword.value : status.password.required;
  const delaySeconds = profile.askForPasswordDelay.set
    ? profile.askForPasswordDelay.value
    : status.password.required
      ? status.password.delaySeconds
      : null;
  if (passwordRequired && delaySeconds === null) {
    return unknown('not-supported', 'a profile requires the password, but no password delay is reported');
  }

  const screenSaverSeconds = profile.idleTime.set ? profile.idleTime.value : userIdleTime.set ? userIdleTime.value : null;
  const triggers = [screenSaverSeconds, displaySleepMinutes * 60].filter((s): s is number => s !== null && s > 0);
  const firstTrigger = triggers.length > 0 ? Math.min(...triggers) : null;

  return known({
    lockAfterSeconds: passwordRequired && firstTrigger !== null ? firstTrigger + (delaySeconds ?? 0) : null,
    passwordOnResume: passwordRequired,
    evidence: [
      { source: 'sysadminctl -screenLock status', value: status.message },
      { source: 'NSUserDefaults com.apple.screensaver askForPassword', value: describePreference(profile.askForPassword) },
      { source: 'NSUserDefaults com.apple.screensaver askForPasswordDelay', value: describePreference(profile.askForPasswordDelay) },
      { source: 'NSUserDefaults com.apple.screensaver idleTime', value: describePreference(profile.idleTime) },
      { source: 'defaults -currentHost read com.apple.screensaver idleTime', value: describePreference(userIdleTime) },
      { source: 'pmset -g displaysleep (minutes)', value: String(displaySleepMinutes) },
    ],
  });
}
