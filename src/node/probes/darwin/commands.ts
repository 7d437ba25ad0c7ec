import type { CommandSpec } from '../../host/host';

/**
 * Every command the macOS probes run, in one place: a support bundle replays commands by their
 * exact file and arguments, so the probes and the tests that build bundles must agree on them.
 * Absolute paths: the tray app's PATH is whatever launchd gave it, and a writable directory early
 * in PATH must not be able to answer for a system tool.
 */

/** Password delay after the screen saver starts or the display sleeps; writes to stderr (platform-notes 1.3). */
export const SYSADMINCTL_SCREEN_LOCK: CommandSpec = { file: '/usr/sbin/sysadminctl', args: ['-screenLock', 'status'] };

export type ScreenSaverKey = 'askForPassword' | 'askForPasswordDelay' | 'idleTime';

/**
 * A com.apple.screensaver value as NSUserDefaults sees it, which includes configuration-profile
 * (managed) values; `defaults read` does not (usnistgov/macos_security, system_settings_screensaver_*).
 * No shell runs this: `$` is JXA's ObjC bridge, not a shell variable.
 */
export const screenSaverPreference = (key: ScreenSaverKey): CommandSpec => ({
  file: '/usr/bin/osascript',
  args: ['-l', 'JavaScript', '-e', `$.NSUserDefaults.alloc.initWithSuiteName('com.apple.screensaver').objectForKey('${key}').js`],
});

/** The user's own screen saver start time (ByHost preference), when no profile sets one. */
export const DEFAULTS_SCREEN_SAVER_IDLE_TIME: CommandSpec = {
  file: '/usr/bin/defaults',
  args: ['-currentHost', 'read', 'com.apple.screensaver', 'idleTime'],
};

/** Power settings currently in use (those of the power source the Mac runs on now). */
export const PMSET_SETTINGS: CommandSpec = { file: '/usr/bin/pmset', args: ['-g'] };

/** Executable of every process; `=` drops the header. ps truncates no column when writing to a pipe (ps(1): -w). */
export const PS_PROCESSES: CommandSpec = { file: '/bin/ps', args: ['-axo', 'pid=,comm='] };

/** system_profiler walks every application bundle (LaunchServices, Spotlight): seconds to minutes. */
export const SYSTEM_PROFILER_APPLICATIONS: CommandSpec = {
  file: '/usr/sbin/system_profiler',
  args: ['SPApplicationsDataType', '-json'],
  timeoutMs: 120_000,
};

export const SYSTEM_PROFILER_AIRPORT: CommandSpec = { file: '/usr/sbin/system_profiler', args: ['SPAirPortDataType', '-json'], timeoutMs: 30_000 };

/** macOS 26 and later: SPUSBDataType is retired (an empty list) and USB devices are reported here. */
export const SYSTEM_PROFILER_USB_HOST: CommandSpec = { file: '/usr/sbin/system_profiler', args: ['SPUSBHostDataType', '-json'], timeoutMs: 30_000 };

/** macOS 10.15 to 15: the USB device tree, with attached disks ("Media"). */
export const SYSTEM_PROFILER_USB: CommandSpec = { file: '/usr/sbin/system_profiler', args: ['SPUSBDataType', '-json'], timeoutMs: 30_000 };
