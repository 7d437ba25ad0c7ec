import type { InstalledSoftware, RunningProcess } from '../../../shared/facts';
import type { Observed } from '../../../shared/observed';
import { known } from '../../../shared/observed';
import type { Host } from '../../host/host';
import { runText } from '../command';
import type { Probe } from '../probe';
import { PS_PROCESSES, SYSTEM_PROFILER_APPLICATIONS } from './commands';
import { InstalledAppsCache } from './installed-apps-cache';
import { installedAppsFrom } from './parse/applications';
import { runningProcessesFrom } from './parse/processes';
import { isUnknown, unparseable } from './results';
import { readDataTypeEntries } from './system-profiler';

/** Installed applications (system_profiler) and running processes (ps). */
export function darwinSoftwareProbe(cache: InstalledAppsCache = installedAppsCache): Probe<'software'> {
  return {
    check: 'software',
    collect: async (host) => {
      const [installed, running] = await Promise.all([cache.get(host), runningProcesses(host)]);
      return { installed, running };
    },
  };
}

export async function readInstalledApps(host: Host): Promise<Observed<InstalledSoftware[]>> {
  const entries = await readDataTypeEntries(host, SYSTEM_PROFILER_APPLICATIONS);
  if (isUnknown(entries)) return entries;
  const apps = installedAppsFrom(entries);
  return apps ? known(apps) : unparseable(SYSTEM_PROFILER_APPLICATIONS, 'an application entry is not an object');
}

/** One cache for the agent's lifetime: the refresh it starts outlives a single check. */
const installedAppsCache = new InstalledAppsCache(readInstalledApps);

async function runningProcesses(host: Host): Promise<Observed<RunningProcess[]>> {
  const run = await runText(host, PS_PROCESSES);
  if (!run.ok) return run.why;
  const processes = runningProcessesFrom(run.stdout);
  return processes ? known(processes) : unparseable(PS_PROCESSES, 'no process listed', run.stdout);
}
