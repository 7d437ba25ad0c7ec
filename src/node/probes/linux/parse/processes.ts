import type { RunningProcess } from '../../../../shared/facts';

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/**
 * The running processes out of a `systeminformation.processes()` result ({ list: [{ pid, name,
 * command, path, … }] }). On Linux si reads `ps`: `path` is the directory part of argv[0] and
 * `command` its last component, so the executable path is their join. argv[0] is what the process
 * says it is, not /proc/<pid>/exe: good enough to name a process, not proof of which binary runs.
 * Null when the result is not in that shape (a bundle from another si version, a failed call).
 */
export function runningProcessesFrom(result: unknown): RunningProcess[] | null {
  const list = (result as { list?: unknown } | null)?.list;
  if (!Array.isArray(list)) return null;
  const out: RunningProcess[] = [];
  for (const p of list as Record<string, unknown>[]) {
    const pid = p?.pid;
    const name = text(p?.name);
    if (typeof pid !== 'number' || !Number.isSafeInteger(pid) || pid < 0 || name === null) return null;
    const dir = text(p.path);
    const command = text(p.command);
    const path = dir !== null && command !== null ? `${dir.replace(/\/+$/, '')}/${command}` : null;
    // The schema caps lengths; a longer argv[0] is cut rather than failing the whole list.
    out.push({ pid, name: name.slice(0, 1000), path: path === null ? null : path.slice(0, 4000) });
  }
  return out;
}
