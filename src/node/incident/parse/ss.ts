import type { Connection } from '../../../shared/report';

/**
 * `ss -tunapH` (iproute2): one socket per line, no header —
 *   tcp ESTAB 0 0 127.0.0.1:45123 127.0.0.1:34974 users:(("node",pid=11310,fd=21))
 * The process column needs the same user (or root) to be filled; it is optional.
 * Returns null when no line has the expected shape (not ss output).
 */
const LINE = /^(tcp|udp)\s+(\S+)\s+\d+\s+\d+\s+(\S+)\s+(\S+)(?:\s+users:\(\("((?:[^"\\]|\\.)*)",pid=(\d+))?/;

export function parseSs(stdout: string): Connection[] | null {
  const lines = stdout.split(/\r?\n/).filter((l) => l.trim() !== '');
  const connections: Connection[] = [];
  for (const line of lines) {
    const m = LINE.exec(line.trim());
    if (!m) continue;
    const [, proto, state, local, remote, process, pid] = m;
    const v6 = local!.startsWith('[');
    connections.push({
      protocol: `${proto}${v6 ? '6' : ''}` as Connection['protocol'],
      local: local!.slice(0, 200),
      remote: remote!.slice(0, 200),
      state: state!.slice(0, 40),
      pid: pid === undefined ? null : Number(pid),
      process: process === undefined ? null : process.slice(0, 1000),
    });
  }
  return lines.length > 0 && connections.length === 0 ? null : connections;
}
