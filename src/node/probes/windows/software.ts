import type { InstalledSoftware, RunningProcess } from '../../../shared/facts';
import type { Observed } from '../../../shared/observed';
import { known, unknown } from '../../../shared/observed';
import type { Host } from '../../host/host';
import type { Probe } from '../probe';
import { runText } from '../command';
import { parseTasklistCsv } from './parse/tasklist';
import { installedFromUninstallKeys } from './parse/uninstall';
import { expandHive, regQuery } from './reg';
import { systemTool } from './system-tool';

/**
 * The three Uninstall keys "Apps & features" reads (osquery `programs` reads the same): 64-bit
 * machine-wide, 32-bit machine-wide (WOW6432Node), and per-user installs in HKCU. Never
 * Win32_Product: querying it makes Windows Installer check, and repair, every MSI package.
 */
export const UNINSTALL_KEYS = [
  { key: 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall', source: 'registry-hklm' },
  { key: 'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall', source: 'registry-hklm-wow64' },
  { key: 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall', source: 'registry-hkcu' },
] as const;

/** A key that does not exist (no per-user installs; 32-bit Windows has no WOW6432Node) lists nothing; any other failure makes the list unknown. */
async function installed(host: Host): Promise<Observed<InstalledSoftware[]>> {
  const reads = await Promise.all(UNINSTALL_KEYS.map(async ({ key, source }) => ({ key, source, read: await regQuery(host, key, { recursive: true, timeoutMs: 30_000 }) })));
  const all: InstalledSoftware[] = [];
  for (const { key, source, read } of reads) {
    if (!read.ok) return read.why; // a partial inventory would hide what the unread key lists
    all.push(...installedFromUninstallKeys(read.keys, expandHive(key), source));
  }
  return known(all);
}

async function running(host: Host): Promise<Observed<RunningProcess[]>> {
  const out = await runText(host, { file: await systemTool(host, 'tasklist.exe'), args: ['/fo', 'csv', '/nh'], timeoutMs: 30_000 });
  if (!out.ok) return out.why;
  const parsed = parseTasklistCsv(out.stdout);
  if (!parsed.ok) return unknown('unparseable-output', `tasklist line ${parsed.line}: ${parsed.text}`);
  // Every Windows has at least System and the Idle process: an empty listing is not an answer.
  if (parsed.processes.length === 0) return unknown('unparseable-output', 'tasklist printed no processes');
  return known(parsed.processes);
}

/** Installed programs from the registry (decoded from the console code page, CP932 on Japanese Windows) and running processes. */
export const windowsSoftwareProbe: Probe<'software'> = {
  check: 'software',
  collect: async (host) => {
    const [installedSoftware, runningProcesses] = await Promise.all([installed(host), running(host)]);
    return { installed: installedSoftware, running: runningProcesses };
  },
};
