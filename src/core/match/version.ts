/**
 * Version comparison good enough for policy ranges across dpkg, rpm, Windows and macOS versions:
 * an optional epoch ("1:"), then runs of digits compared as numbers and runs of other characters
 * compared as text, ordered as dpkg does: "~" sorts before anything (1.0~rc1 < 1.0), and a longer
 * version after a shorter one it starts with (1.0-1ubuntu1 > 1.0-1).
 */
type Token = number | string;

function tokens(version: string): { epoch: number; parts: Token[] } {
  const m = /^(\d+):(.*)$/.exec(version.trim());
  const epoch = m ? Number(m[1]) : 0;
  const rest = m ? m[2]! : version.trim();
  const parts: Token[] = [];
  for (const piece of rest.match(/~|\d+|[A-Za-z]+/g) ?? []) parts.push(/^\d+$/.test(piece) ? Number(piece) : piece);
  return { epoch, parts };
}

function compareToken(a: Token | undefined, b: Token | undefined): number {
  if (a === b) return 0;
  if (a === '~') return -1;
  if (b === '~') return 1;
  // "1.0" equals "1"; anything more (even letters, as dpkg orders them: 1-1ubuntu1 > 1-1) sorts after.
  if (a === undefined) return b === 0 ? 0 : -1;
  if (b === undefined) return -compareToken(b, a);
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : 1;
  if (typeof a === 'number') return 1; // 1.0.1 > 1.0.beta
  if (typeof b === 'number') return -1;
  return a < b ? -1 : 1;
}

export function compareVersions(a: string, b: string): number {
  const ta = tokens(a);
  const tb = tokens(b);
  if (ta.epoch !== tb.epoch) return ta.epoch < tb.epoch ? -1 : 1;
  const n = Math.max(ta.parts.length, tb.parts.length);
  for (let i = 0; i < n; i++) {
    const c = compareToken(ta.parts[i], tb.parts[i]);
    if (c !== 0) return c;
  }
  return 0;
}

const COMPARATOR = /(>=|<=|>|<|=)\s*([0-9A-Za-z.:~+_-]+)/g;

/** Compiles ">=1.2 <2.0" into a predicate; every comparator must hold. */
export function compileRange(range: string): (version: string) => boolean {
  const tests = [...range.matchAll(COMPARATOR)].map(([, op, bound]) => {
    const b = bound!;
    switch (op) {
      case '>=': return (v: string) => compareVersions(v, b) >= 0;
      case '<=': return (v: string) => compareVersions(v, b) <= 0;
      case '>': return (v: string) => compareVersions(v, b) > 0;
      case '<': return (v: string) => compareVersions(v, b) < 0;
      default: return (v: string) => compareVersions(v, b) === 0;
    }
  });
  return (version) => tests.every((test) => test(version));
}
