import { isIPv4, isIPv6 } from 'node:net';

/** Address arithmetic for rule renderers that take ranges (Windows Firewall `remoteip=a-b`). */
export type Family = 4 | 6;
export interface Range {
  family: Family;
  from: bigint;
  to: bigint;
}

const MAX: Record<Family, bigint> = { 4: (1n << 32n) - 1n, 6: (1n << 128n) - 1n };

export function ipToBigInt(ip: string): { family: Family; value: bigint } {
  if (isIPv4(ip)) return { family: 4, value: ip.split('.').reduce((acc, o) => (acc << 8n) + BigInt(Number(o)), 0n) };
  if (!isIPv6(ip) || ip.includes('%')) throw new Error(`not an IP address: ${ip}`);
  let text = ip;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = ipToBigInt(v4[1]!).value;
    text = `${text.slice(0, -v4[1]!.length)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const h = head === '' ? [] : head.split(':');
  const t = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return { family: 6, value: groups.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g, 16)), 0n) };
}

/** RFC 5952 text: lower case, the longest run of zero groups (two or more) written as `::`. */
export function bigIntToIp(family: Family, value: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((s) => ((value >> s) & 0xffn).toString()).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = { at: -1, len: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j += 1;
    if (j - i > best.len && j - i >= 2) best = { at: i, len: j - i };
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.at < 0) return hex.join(':');
  return `${hex.slice(0, best.at).join(':')}::${hex.slice(best.at + best.len).join(':')}`;
}

export function cidr(text: string): Range {
  const [ip, bits] = text.split('/') as [string, string];
  const { family, value } = ipToBigInt(ip);
  const width = family === 4 ? 32n : 128n;
  const host = (1n << (width - BigInt(Number(bits)))) - 1n;
  return { family, from: value & ~host & MAX[family], to: (value & ~host & MAX[family]) | host };
}

/** Every address of `family` outside the given ranges, as sorted, non-overlapping ranges. */
export function complement(family: Family, excluded: readonly Range[]): Range[] {
  const sorted = excluded.filter((r) => r.family === family).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const out: Range[] = [];
  let next = 0n;
  for (const r of sorted) {
    if (r.from > next) out.push({ family, from: next, to: r.from - 1n });
    if (r.to + 1n > next) next = r.to + 1n;
  }
  if (next <= MAX[family]) out.push({ family, from: next, to: MAX[family] });
  return out;
}

export const single = (ip: string): Range => {
  const { family, value } = ipToBigInt(ip);
  return { family, from: value, to: value };
};

/** `a-b`, or `a` for a single address. */
export const formatRange = (r: Range) => (r.from === r.to ? bigIntToIp(r.family, r.from) : `${bigIntToIp(r.family, r.from)}-${bigIntToIp(r.family, r.to)}`);
