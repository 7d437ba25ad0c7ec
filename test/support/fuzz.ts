/** Seeded randomness, so a fuzz failure can be replayed from its seed. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A real output made hostile: cut anywhere, bytes flipped, lines doubled or dropped (CRLF or LF), or pure noise. */
export function mutate(bytes: Uint8Array, random: () => number): Uint8Array {
  switch (Math.floor(random() * 5)) {
    case 0:
      return bytes;
    case 1:
      return bytes.slice(0, Math.floor(random() * bytes.length));
    case 2: {
      const copy = bytes.slice();
      for (let i = 0; i < 1 + copy.length / 50; i++) copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
      return copy;
    }
    case 3: {
      const lines = new TextDecoder().decode(bytes).split(/\r?\n/);
      const edited = lines.flatMap((l) => (random() < 0.1 ? [l, l] : random() < 0.05 ? [] : [l]));
      return new TextEncoder().encode(edited.join(random() < 0.5 ? '\r\n' : '\n'));
    }
    default:
      return Uint8Array.from({ length: Math.floor(random() * 400) }, () => Math.floor(random() * 256));
  }
}
