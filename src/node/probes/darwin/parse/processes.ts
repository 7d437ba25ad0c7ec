import type { RunningProcess } from '../../../../shared/facts';

const PROCESS_LINE = /^\s*(\d{1,10}) (.*)$/;

/**
 * Processes from `ps -axo pid=,comm=`: the pid right-aligned, a space, then comm, which on macOS
 * is the executable as the process started it (argv[0]): usually a full path, with spaces inside
 * app bundles ("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"), sometimes a bare
 * name. That is what the process says it is, not proof of which binary runs.
 *
 * A comm can contain a newline; ps prints it as is. A line that does not start with a pid is
 * therefore the rest of the previous comm, not garbage: a process must not be able to hide the
 * whole list by choosing such a name. Null when the output holds no process at all.
 */
export function runningProcessesFrom(output: string): RunningProcess[] | null {
  const lines = output.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines.at(-1) === '') lines.pop();
  const listed: { pid: number; comm: string }[] = [];
  for (const line of lines) {
    const m = PROCESS_LINE.exec(line);
    const previous = listed.at(-1);
    if (m) listed.push({ pid: Number(m[1]), comm: m[2]! });
    else if (previous) previous.comm += `\n${line}`;
    else return null;
  }
  if (listed.length === 0) return null;
  return listed.map(({ pid, comm }) => ({
    pid,
    name: (comm.slice(comm.lastIndexOf('/') + 1) || comm).slice(0, 1000),
    path: comm.startsWith('/') ? comm.slice(0, 4000) : null,
  }));
}
