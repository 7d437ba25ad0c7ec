import type { ScreenLockConfig } from '../../../shared/facts';
import type { Observed, Unknown } from '../../../shared/observed';
import { unknown } from '../../../shared/observed';
import type { Host } from '../../host/host';
import { runText } from '../command';
import type { Probe } from '../probe';
import type { ScreenSaverKey } from './commands';
import { DEFAULTS_SCREEN_SAVER_IDLE_TIME, PMSET_SETTINGS, screenSaverPreference, SYSADMINCTL_SCREEN_LOCK } from './commands';
import { displaySleepMinutesFrom } from './parse/pmset';
import type { Preference } from './parse/preferences';
import { defaultsSecondsFrom, jxaFlagFrom, jxaSecondsFrom } from './parse/preferences';
import { screenLockConfigFrom } from './parse/screen-lock-config';
import type { ScreenLockStatus } from './parse/sysadminctl';
import { screenLockStatusFrom } from './parse/sysadminctl';
import { isUnknown, unparseable } from './results';

/**
 * Whether the session is locked and how long it has been idle is not read here: the tray app
 * gets it from Electron's powerMonitor (lock-screen / unlock-screen events, getSystemIdleTime),
 * which sees the console session; no command-line tool reports it reliably (platform-notes 1.1).
 */
const SESSION_FROM_TRAY_APP: Unknown = unknown('not-supported', 'session state comes from the tray app');

/** The configured auto-lock of the logged-in user: password delay, screen saver and display sleep. */
export function darwinScreenLockProbe(): Probe<'screen-lock'> {
  return { check: 'screen-lock', collect: async (host) => ({ config: await screenLockConfig(host), session: SESSION_FROM_TRAY_APP }) };
}

async function screenLockConfig(host: Host): Promise<Observed<ScreenLockConfig>> {
  const reads = await Promise.all([
    readScreenLockStatus(host),
    readProfileValue(host, 'askForPassword', jxaFlagFrom),
    readProfileValue(host, 'askForPasswordDelay', jxaSecondsFrom),
    readProfileValue(host, 'idleTime', jxaSecondsFrom),
    readUserIdleTime(host),
    readDisplaySleepMinutes(host),
  ]);
  // Any source we could not read could be the one that decides: then the whole setting is unknown.
  const failed = reads.find(isUnknown);
  if (failed) return failed;
  const [status, askForPassword, askForPasswordDelay, idleTime, userIdleTime, displaySleepMinutes] = reads as [
    ScreenLockStatus,
    Preference<boolean>,
    Preference<number>,
    Preference<number>,
    Preference<number>,
    number,
  ];
  return screenLockConfigFrom({ status, profile: { askForPassword, askForPasswordDelay, idleTime }, userIdleTime, displaySleepMinutes });
}

async function readScreenLockStatus(host: Host): Promise<ScreenLockStatus | Unknown> {
  const run = await runText(host, SYSADMINCTL_SCREEN_LOCK);
  if (!run.ok) return run.why;
  // The status goes to stderr; stdout is read too, so a release that moves it is not misread as "no status".
  const output = `${run.stderr}\n${run.stdout}`;
  return screenLockStatusFrom(output) ?? unparseable(SYSADMINCTL_SCREEN_LOCK, 'no screenLock status', output);
}

async function readProfileValue<T>(host: Host, key: ScreenSaverKey, parse: (stdout: string) => Preference<T> | null): Promise<Preference<T> | Unknown> {
  const spec = screenSaverPreference(key);
  const run = await runText(host, spec);
  if (!run.ok) return run.why;
  return parse(run.stdout) ?? unparseable(spec, 'not a value of this preference', run.stdout);
}

async function readUserIdleTime(host: Host): Promise<Preference<number> | Unknown> {
  const run = await runText(host, DEFAULTS_SCREEN_SAVER_IDLE_TIME, [0, 1]);
  if (!run.ok) return run.why;
  return defaultsSecondsFrom(run) ?? unparseable(DEFAULTS_SCREEN_SAVER_IDLE_TIME, 'not a number of seconds', `${run.stdout}\n${run.stderr}`);
}

async function readDisplaySleepMinutes(host: Host): Promise<number | Unknown> {
  const run = await runText(host, PMSET_SETTINGS);
  if (!run.ok) return run.why;
  return displaySleepMinutesFrom(run.stdout) ?? unparseable(PMSET_SETTINGS, 'no displaysleep in the settings in use', run.stdout);
}
