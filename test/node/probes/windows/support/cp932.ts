/**
 * Encodes text to CP932 (Shift_JIS as Windows writes it), for tests only. Node's TextEncoder
 * writes UTF-8 only, so the table is the reverse of TextDecoder('shift_jis') over every single-byte
 * and double-byte code: bytes a Japanese console would really write, decoded by the same decoder
 * the probes use. Where CP932 has two codes for one character (NEC and IBM extensions), the first
 * in code order is kept, as Windows' WideCharToMultiByte prefers the NEC row.
 */
let table: Map<string, number[]> | undefined;

function reverseTable(): Map<string, number[]> {
  const decoder = new TextDecoder('shift_jis', { fatal: true });
  const map = new Map<string, number[]>();
  const add = (bytes: number[]) => {
    let text: string;
    try {
      text = decoder.decode(new Uint8Array(bytes));
    } catch {
      return;
    }
    if ([...text].length === 1 && text !== '\uFFFD' && !map.has(text)) map.set(text, bytes);
  };
  for (let b = 0; b <= 0xff; b++) add([b]);
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    if (lead > 0x9f && lead < 0xe0) continue;
    for (let trail = 0x40; trail <= 0xfc; trail++) if (trail !== 0x7f) add([lead, trail]);
  }
  return map;
}

export function encodeCp932(text: string): Uint8Array {
  table ??= reverseTable();
  const out: number[] = [];
  for (const ch of text) {
    const bytes = table.get(ch);
    if (!bytes) throw new Error(`not encodable in CP932: U+${ch.codePointAt(0)!.toString(16).toUpperCase()}`);
    out.push(...bytes);
  }
  return new Uint8Array(out);
}
