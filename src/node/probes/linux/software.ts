import { systemInformation as si } from '../system-information';
import type { InstalledSoftware, RunningProcess } from '../../../shared/facts';
import type { Observed, Unknown } from '../../../shared/observed';
import { known, unknown } from '../../../shared/observed';
import type { CommandSpec, Host } from '../../host/host';
import { runText } from '../command';
import type { Probe } from '../probe';
import { firstLineOf } from './parse/lines';
import { DPKG_QUERY_FORMAT, RPM_QUERY_FORMAT, parseDpkgQuery, parseFlatpakList, parseRpmQuery, parseSnapList } from './parse/packages';
import { runningProcessesFrom } from './parse/processes';
import { joinUnknowns } from './unknowns';

interface PackageSource {
  spec: CommandSpec;
  parse: (stdout: string) => InstalledSoftware[] | null;
  /** The distribution's own database (dpkg or rpm): without it, the OS's software would be missing. */
  systemDatabase: boolean;
}

// C.UTF-8: untranslated messages, and UTF-8 so snap prints its ✓ marks and names arrive intact.
const env = { LC_ALL: 'C.UTF-8' };
const timeoutMs = 60_000; // dpkg/rpm on a large install, snap waiting for snapd

export const PACKAGE_SOURCES: readonly PackageSource[] = [
  { spec: { file: 'dpkg-query', args: ['-W', `-f=${DPKG_QUERY_FORMAT}`], env, timeoutMs }, parse: parseDpkgQuery, systemDatabase: true },
  { spec: { file: 'rpm', args: ['-qa', '--qf', RPM_QUERY_FORMAT], env, timeoutMs }, parse: parseRpmQuery, systemDatabase: true },
  {
    spec: { file: 'flatpak', args: ['list', '--app', '--columns=application,version,branch,origin,installation'], env, timeoutMs },
    parse: parseFlatpakList,
    systemDatabase: false,
  },
  { spec: { file: 'snap', args: ['list'], env, timeoutMs }, parse: parseSnapList, systemDatabase: false },
];

type SourceResult =
  | { source: PackageSource; state: 'not-installed' }
  | { source: PackageSource; state: 'failed'; why: Unknown }
  | { source: PackageSource; state: 'listed'; packages: InstalledSoftware[] };

async function readSource(host: Host, source: PackageSource): Promise<SourceResult> {
  const out = await runText(host, source.spec);
  if (!out.ok) return out.why.reason === 'command-missing' ? { source, state: 'not-installed' } : { source, state: 'failed', why: out.why };
  const packages = source.parse(out.stdout);
  if (packages === null) return { source, state: 'failed', why: unknown('unparseable-output', `${source.spec.file}: ${firstLineOf(out.stdout)}`) };
  return { source, state: 'listed', packages };
}

/**
 * The union of every package manager present. A tool that is not installed is skipped; a tool that
 * is installed but fails makes the inventory unknown, because a list without (say) the snaps would
 * read as "no denied snap installed". Flatpaks and snaps alone are not an inventory either: without
 * dpkg or rpm listing the OS's own packages (Arch, Alpine, NixOS…) the answer is unknown.
 */
export async function linuxInstalledSoftware(host: Host): Promise<Observed<InstalledSoftware[]>> {
  const results = await Promise.all(PACKAGE_SOURCES.map((source) => readSource(host, source)));
  const failures = results.flatMap((r) => (r.state === 'failed' ? [r.why] : []));
  if (failures.length > 0) return joinUnknowns(failures as [Unknown, ...Unknown[]]);

  const listed = results.flatMap((r) => (r.state === 'listed' ? [r] : []));
  if (listed.length === 0) return unknown('command-missing', PACKAGE_SOURCES.map((s) => s.spec.file).join(', '));
  if (!listed.some((r) => r.source.systemDatabase && r.packages.length > 0)) {
    const status = results
      .filter((r) => r.source.systemDatabase)
      .map((r) => `${r.source.spec.file}: ${r.state === 'listed' ? 'no installed packages' : 'not installed'}`);
    return unknown('not-supported', `no dpkg or rpm package database to read (${status.join('; ')})`);
  }
  return known(listed.flatMap((r) => r.packages));
}

/** Running processes via systeminformation (ps). */
export async function linuxRunningProcesses(host: Host): Promise<Observed<RunningProcess[]>> {
  const call = await host.call('systeminformation.processes', () => si.processes());
  if ('error' in call) return unknown('command-failed', `systeminformation.processes: ${call.error}`);
  const processes = runningProcessesFrom(call.value);
  if (processes === null) return unknown('unparseable-output', 'systeminformation.processes: no process list');
  // si answers an empty list when ps fails; a running system always has processes (this one, at least).
  if (processes.length === 0) return unknown('command-failed', 'systeminformation.processes returned no processes');
  return known(processes);
}

export const linuxSoftwareProbe: Probe<'software'> = {
  check: 'software',
  async collect(host) {
    const [installed, running] = await Promise.all([linuxInstalledSoftware(host), linuxRunningProcesses(host)]);
    return { installed, running };
  },
};
