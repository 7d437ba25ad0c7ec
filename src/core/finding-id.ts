/**
 * Stable finding ids: the same problem on the same subject keeps the same id across cycles and
 * restarts, so a user (and a CSIRT) can follow it. FNV-1a 64-bit: pure, fast, no crypto needed.
 */
const OFFSET = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

export function fnv1a64(text: string): string {
  let h = OFFSET;
  for (const byte of new TextEncoder().encode(text)) h = ((h ^ BigInt(byte)) * PRIME) & MASK;
  return h.toString(16).padStart(16, '0');
}

export const findingId = (kind: string, subjectKey: string, ruleId: string): string =>
  `${kind}/${fnv1a64(`${kind}\u0000${subjectKey}\u0000${ruleId}`)}`;
