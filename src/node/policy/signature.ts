import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';

/**
 * Detached Ed25519 signatures for policy files (POLICY.sig beside POLICY). What is signed is the
 * SHA-256 of the exact policy bytes together with the signing time and an optional expiry, so a
 * signature cannot be moved to other content or stretched past its expiry.
 */
export const SIGNATURE_FORMAT = 'mamori-policy-signature';

export const PolicySignature = z.strictObject({
  format: z.literal(SIGNATURE_FORMAT),
  version: z.literal(1),
  algorithm: z.literal('Ed25519'),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  signedAt: z.iso.datetime(),
  expires: z.iso.datetime().optional(),
  signature: z.base64(),
});
export type PolicySignature = z.infer<typeof PolicySignature>;

/** A key's id: the first 16 hex digits of the SHA-256 of its public key (SPKI DER). */
export const keyIdOf = (publicKey: KeyObject): string =>
  createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);

const signedMessage = (s: Pick<PolicySignature, 'sha256' | 'signedAt' | 'expires'>) =>
  Buffer.from(`${SIGNATURE_FORMAT}/1\n${s.sha256}\n${s.signedAt}\n${s.expires ?? ''}\n`, 'utf8');

export function generatePolicyKeys(): { privatePem: string; publicPem: string; keyId: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: keyIdOf(publicKey),
  };
}

export function signPolicy(policyBytes: Uint8Array, privatePem: string, now: Date, expires?: Date): PolicySignature {
  const privateKey = createPrivateKey(privatePem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 private key');
  const unsigned = {
    sha256: createHash('sha256').update(policyBytes).digest('hex'),
    signedAt: now.toISOString(),
    ...(expires && { expires: expires.toISOString() }),
  };
  return {
    format: SIGNATURE_FORMAT,
    version: 1,
    algorithm: 'Ed25519',
    keyId: keyIdOf(createPublicKey(privateKey)),
    ...unsigned,
    signature: sign(null, signedMessage(unsigned), privateKey).toString('base64'),
  };
}

export type VerifyFailure = 'no-signature' | 'malformed-signature' | 'unknown-key' | 'digest-mismatch' | 'bad-signature' | 'expired';

/** Checks a policy's signature against the trusted keys; returns null when it is good, else why not. */
export function verifyPolicy(policyBytes: Uint8Array, signatureBytes: Uint8Array | null, trusted: readonly KeyObject[], now: Date): VerifyFailure | null {
  if (signatureBytes === null) return 'no-signature';
  let sig: PolicySignature;
  try {
    sig = PolicySignature.parse(JSON.parse(Buffer.from(signatureBytes).toString('utf8')));
  } catch {
    return 'malformed-signature';
  }
  const key = trusted.find((k) => keyIdOf(k) === sig.keyId);
  if (!key) return 'unknown-key';
  if (createHash('sha256').update(policyBytes).digest('hex') !== sig.sha256) return 'digest-mismatch';
  if (!verify(null, signedMessage(sig), key, Buffer.from(sig.signature, 'base64'))) return 'bad-signature';
  if (sig.expires !== undefined && Date.parse(sig.expires) <= now.getTime()) return 'expired';
  return null;
}

/** Public keys from PEM files; a file that is not an Ed25519 public key is reported, not silently skipped. */
export function parsePublicKey(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 public key');
  return key;
}
