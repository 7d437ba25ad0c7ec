/**
 * GVariant text as `gsettings get` and `gdbus call` print it (g_variant_print with type annotations):
 * `true`, `uint32 300`, `5` (int32 needs no annotation), `byte 0x05`, `'text'`, `@as []`, `['a', 'b']`.
 * Only the shapes the Linux probes read are understood; anything else is null, never a guess.
 */
export type GVariantValue =
  | { type: 'boolean'; value: boolean }
  | { type: 'integer'; value: number }
  | { type: 'string'; value: string }
  | { type: 'string-array'; value: string[] };

const INTEGER = /^(?:(byte|int16|uint16|int32|uint32|int64|uint64|handle)\s+)?(-?(?:0x[0-9a-fA-F]+|\d+))$/;
const UNSIGNED_TYPES = new Set(['byte', 'uint16', 'uint32', 'uint64']);

/** The value of one GVariant text, or null when it is not one of the shapes above. */
export function parseGVariant(text: string): GVariantValue | null {
  const t = text.trim();
  if (t === 'true' || t === 'false') return { type: 'boolean', value: t === 'true' };

  const integer = INTEGER.exec(t);
  if (integer) {
    const [, annotation, digits] = integer as unknown as [string, string | undefined, string];
    const negative = digits.startsWith('-');
    const magnitude = Number(negative ? digits.slice(1) : digits); // Number() reads 0x… as hex
    const value = negative ? -magnitude : magnitude;
    // uint64 idle times and the like beyond 2^53 would silently lose precision: refuse them.
    if (!Number.isSafeInteger(value) || (negative && annotation !== undefined && UNSIGNED_TYPES.has(annotation))) return null;
    return { type: 'integer', value };
  }

  if (t.startsWith("'") || t.startsWith('"')) {
    const s = readQuoted(t, 0);
    return s && s.end === t.length ? { type: 'string', value: s.value } : null;
  }

  const array = t.startsWith('@as ') ? t.slice(4).trimStart() : t;
  if (array.startsWith('[')) {
    const items = readStringArray(array);
    return items ? { type: 'string-array', value: items } : null;
  }
  return null;
}

/** A GVariant boolean, or null. */
export function gvariantBoolean(text: string): boolean | null {
  const v = parseGVariant(text);
  return v?.type === 'boolean' ? v.value : null;
}

/** A non-negative GVariant integer (uint32 seconds, uint64 milliseconds), or null. */
export function gvariantUnsigned(text: string): number | null {
  const v = parseGVariant(text);
  return v?.type === 'integer' && v.value >= 0 ? v.value : null;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"',
};

/** A quoted GVariant string starting at `start` (g_variant_print escapes: \n, \', \uXXXX, \UXXXXXXXX…). */
function readQuoted(text: string, start: number): { value: string; end: number } | null {
  const quote = text[start];
  if (quote !== "'" && quote !== '"') return null;
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === quote) return { value, end: i + 1 };
    if (c !== '\\') {
      value += c;
      continue;
    }
    const e = text[++i];
    if (e === undefined) return null;
    if (e in SIMPLE_ESCAPES) value += SIMPLE_ESCAPES[e];
    else if (e === 'u' || e === 'U') {
      const digits = e === 'u' ? 4 : 8;
      const hex = text.slice(i + 1, i + 1 + digits);
      if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(hex)) return null;
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) return null;
      value += String.fromCodePoint(code);
      i += digits;
    } else return null;
  }
  return null; // no closing quote: truncated output
}

/** `['a', 'b']` or `[]`. */
function readStringArray(text: string): string[] | null {
  const items: string[] = [];
  let i = 1;
  const skipSpaces = () => {
    while (text[i] === ' ') i++;
  };
  skipSpaces();
  if (text[i] === ']') return i === text.length - 1 ? items : null;
  for (;;) {
    skipSpaces();
    const item = readQuoted(text, i);
    if (!item) return null;
    items.push(item.value);
    i = item.end;
    skipSpaces();
    if (text[i] === ']') return i === text.length - 1 ? items : null;
    if (text[i] !== ',') return null;
    i++;
  }
}
