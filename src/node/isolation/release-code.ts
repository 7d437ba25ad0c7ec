import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * The release code staff type to lift isolation, stored in the policy only as an scrypt hash:
 *   scrypt$ln=<log2 N>,r=<block size>,p=<parallelism>$<salt, base64>$<derived key, base64>
 * Codes are compared after NFKC normalisation and trimming, so a code typed with the Japanese IME
 * in full-width digits (１２３４) matches the same code in ASCII.
 */
export interface ScryptParams {
  ln: number;
  r: number;
  p: number;
}

export const DEFAULT_SCRYPT: ScryptParams = { ln: 15, r: 8, p: 1 };
/** Bounds on what a policy may ask for, so a mistyped hash cannot make the helper allocate gigabytes. */
const LIMITS = { lnMin: 10, lnMax: 20, rMax: 32, pMax: 16 };
const KEY_BYTES = 32;

export const normalizeCode = (code: string): string => code.normalize('NFKC').trim();

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

export function parseReleaseCodeHash(text: string): ParsedHash | null {
  const m = /^scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(text);
  if (!m) return null;
  const params = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  if (params.ln < LIMITS.lnMin || params.ln > LIMITS.lnMax || params.r < 1 || params.r > LIMITS.rMax || params.p < 1 || params.p > LIMITS.pMax) return null;
  const salt = Buffer.from(m[4]!, 'base64');
  const key = Buffer.from(m[5]!, 'base64');
  if (salt.length < 16 || key.length < 16) return null;
  return { params, salt, key };
}

function derive(code: string, salt: Buffer, length: number, { ln, r, p }: ScryptParams): Promise<Buffer> {
  const N = 2 ** ln;
  return new Promise((resolve, reject) => {
    scrypt(normalizeCode(code), salt, length, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** The hash to put in the policy for a code (administrators run `mamori-helper hash-release-code`). */
export async function hashReleaseCode(code: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  if (normalizeCode(code).length < 6) throw new Error('a release code needs at least 6 characters');
  const salt = randomBytes(16);
  const key = await derive(code, salt, KEY_BYTES, params);
  return `scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Whether `code` is the release code; the comparison takes the same time wherever the keys differ. */
export async function verifyReleaseCode(code: string, hash: string): Promise<boolean> {
  const parsed = parseReleaseCodeHash(hash);
  if (!parsed || code.length > 256) return false;
  const candidate = await derive(code, parsed.salt, parsed.key.length, parsed.params);
  return timingSafeEqual(candidate, parsed.key);
}
