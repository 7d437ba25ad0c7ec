/**
 * `pmset -g` prints "System-wide power settings:", then "Currently in use:" and one setting per
 * line: a leading space, the name, spaces or tabs, the value, sometimes a note in parentheses
 * ("sleep 1 (sleep prevented by sharingd, coreaudiod)"). Names can contain spaces ("Sleep On
 * Power Button 1").
 */
const IN_USE_HEADER = /^Currently in use:\s*$/;
const DISPLAY_SLEEP = /^\s+displaysleep\s+(\d{1,6})(?:\s+\(.*\))?\s*$/;

/** Minutes of inactivity before the display sleeps (0 = never), from the settings in use; null when not there. */
export function displaySleepMinutesFrom(output: string): number | null {
  const lines = output.split(/\r?\n/);
  const start = lines.findIndex((l) => IN_USE_HEADER.test(l));
  if (start < 0) return null;
  for (const line of lines.slice(start + 1)) {
    if (!/^\s/.test(line)) break; // the next section
    const m = DISPLAY_SLEEP.exec(line);
    if (m) return Number(m[1]);
  }
  return null;
}
