import type { RunningProcess } from '../../../../shared/facts';
import { outputLines } from './text';

export type TasklistParse = { ok: true; processes: RunningProcess[] } | { ok: false; line: number; text: string };

/**
 * `tasklist /fo csv /nh`: one quoted CSV row per process, no header, e.g.
 * "System Idle Process","0","Services","0","8 K" — image name, PID, session name, session #, memory.
 * The memory column holds a thousands separator inside quotes ("21,436 K"), so fields are read as
 * CSV, never split on commas. tasklist prints no path. Any row that is not five quoted fields with a
 * numeric PID makes the listing unreadable rather than silently shorter.
 */
export function parseTasklistCsv(text: string): TasklistParse {
  const processes: RunningProcess[] = [];
  for (const [index, line] of outputLines(text).entries()) {
    if (line.trim() === '') continue;
    const fields = quotedFields(line.trim());
    const pid = fields?.[1];
    if (!fields || fields.length !== 5 || pid === undefined || !/^\d{1,10}$/.test(pid) || fields[0] === '') {
      return { ok: false, line: index + 1, text: line.slice(0, 200) };
    }
    processes.push({ pid: Number(pid), name: fields[0]!.slice(0, 1000), path: null });
  }
  return { ok: true, processes };
}

/** "a","b ""c""","d" → [a, b "c", d]; null when the line is not entirely quoted fields. */
function quotedFields(line: string): string[] | null {
  const fields: string[] = [];
  const field = /"((?:[^"]|"")*)"(,|$)/y;
  let at = 0;
  while (at < line.length) {
    field.lastIndex = at;
    const m = field.exec(line);
    if (!m) return null;
    fields.push(m[1]!.replaceAll('""', '"'));
    at = field.lastIndex;
    if (m[2] === '') break;
  }
  return at === line.length ? fields : null;
}
