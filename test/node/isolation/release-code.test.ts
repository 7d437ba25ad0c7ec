import { describe, expect, it } from 'vitest';
import { lockedUntil, NO_FAILURES, recordFailure, RELEASE_RATE_LIMIT } from '../../../src/node/isolation/rate-limit';
import { hashReleaseCode, parseReleaseCodeHash, verifyReleaseCode } from '../../../src/node/isolation/release-code';
import { ReleaseCodeHash } from '../../../src/node/isolation/settings';

const FAST = { ln: 10, r: 8, p: 1 };

describe('release code', () => {
  it('verifies the code it was hashed from, and nothing else', async () => {
    const hash = await hashReleaseCode('K4-7731-Z', FAST);
    expect(hash).toMatch(/^scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(ReleaseCodeHash.safeParse(hash).success).toBe(true);
    expect(await verifyReleaseCode('K4-7731-Z', hash)).toBe(true);
    for (const wrong of ['K4-7731-z', 'K4-7731', 'K4-7731-Z0', '', 'x'.repeat(300)]) expect(await verifyReleaseCode(wrong, hash), wrong).toBe(false);
  });

  it('accepts the code typed in full-width characters (Japanese IME) and with stray spaces', async () => {
    const hash = await hashReleaseCode('482913', FAST);
    expect(await verifyReleaseCode('４８２９１３', hash)).toBe(true);
    expect(await verifyReleaseCode(' 482913\n', hash)).toBe(true);
  });

  it('uses a fresh salt each time', async () => {
    expect(await hashReleaseCode('same-code', FAST)).not.toBe(await hashReleaseCode('same-code', FAST));
  });

  it('refuses short codes and hashes with unsafe or malformed parameters', async () => {
    await expect(hashReleaseCode('12345', FAST)).rejects.toThrow();
    const good = await hashReleaseCode('abcdef', FAST);
    expect(parseReleaseCodeHash(good)).not.toBeNull();
    expect(parseReleaseCodeHash(good.replace('ln=10', 'ln=30'))).toBeNull(); // 2^30 × r: gigabytes
    expect(parseReleaseCodeHash(good.replace('ln=10', 'ln=4'))).toBeNull(); // too cheap to slow guessing
    expect(parseReleaseCodeHash(good.replace('r=8', 'r=0'))).toBeNull();
    expect(parseReleaseCodeHash('bcrypt$2b$10$abc')).toBeNull();
    expect(await verifyReleaseCode('abcdef', 'scrypt$ln=10,r=8,p=1$AAAA$AAAA')).toBe(false);
  });
});

describe('rate limit on wrong codes', () => {
  const t0 = Date.parse('2026-11-26T10:00:00Z');

  it('lets the first five through, then doubles the wait from 30 s up to an hour', () => {
    let f = NO_FAILURES;
    for (let i = 0; i < RELEASE_RATE_LIMIT.freeAttempts - 1; i++) {
      f = recordFailure(f, t0);
      expect(lockedUntil(f, t0)).toBeNull();
    }
    f = recordFailure(f, t0); // 5th
    expect(lockedUntil(f, t0)).toBe(t0 + 30_000);
    expect(lockedUntil(f, t0 + 29_999)).toBe(t0 + 30_000);
    expect(lockedUntil(f, t0 + 30_000)).toBeNull();
    f = recordFailure(f, t0 + 30_000); // 6th
    expect(lockedUntil(f, t0 + 30_000)).toBe(t0 + 90_000);
    for (let i = 0; i < 20; i++) f = recordFailure(f, t0);
    expect(lockedUntil(f, t0)).toBe(t0 + 3_600_000);
  });
});
