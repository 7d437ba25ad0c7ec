import { gvariantBoolean, gvariantUnsigned } from './gsettings';
import { outputLines } from './lines';

/**
 * The one value of a `gdbus call` reply. gdbus prints the method's out-arguments as a GVariant tuple,
 * so a single boolean is `(true,)` and a uint64 is `(uint64 12345,)`; the trailing comma is GVariant's
 * one-element tuple syntax. Null when the reply is not a one-element tuple.
 */
function singleValueText(reply: string): string | null {
  const match = /^\((.*),\)$/s.exec(reply.trim());
  return match ? match[1]! : null;
}

/** `(true,)` → true (e.g. ScreenSaver.GetActive); null for anything else. */
export function gdbusBoolean(reply: string): boolean | null {
  const inner = singleValueText(reply);
  return inner === null ? null : gvariantBoolean(inner);
}

/** `(uint64 12345,)` → 12345 (e.g. Mutter IdleMonitor.GetIdletime in ms); null for anything else. */
export function gdbusUnsigned(reply: string): number | null {
  const inner = singleValueText(reply);
  return inner === null ? null : gvariantUnsigned(inner);
}

/** `loginctl show-session … -p LockedHint` prints `LockedHint=yes` or `LockedHint=no`; null for anything else. */
export function loginctlLockedHint(output: string): boolean | null {
  const values = outputLines(output)
    .map((line) => /^LockedHint=(yes|no)$/.exec(line.trim())?.[1])
    .filter((v) => v !== undefined);
  // Two answers (garbage, concatenated output) cannot be trusted.
  return values.length === 1 ? values[0] === 'yes' : null;
}
