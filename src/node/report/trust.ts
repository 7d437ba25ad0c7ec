import { readFile } from 'node:fs/promises';
import tls from 'node:tls';
import { DeliveryFailure } from './types';

/**
 * The CAs a channel trusts: Node's default store (bundled roots, plus NODE_EXTRA_CA_CERTS / the OS store when
 * Node is told to use them) with the policy's caFile added, as the policy schema documents. Passing `ca` to
 * node:tls replaces the default store, hence the explicit union. Read at every attempt, so that a CA file
 * rotated by the administrator takes effect without a restart. Verification itself is never switched off.
 */
export async function trustedCas(caFile: string | undefined): Promise<string[] | undefined> {
  if (caFile === undefined) return undefined; // node:tls default store
  let pem: string;
  try {
    pem = await readFile(caFile, 'utf8');
  } catch {
    throw new DeliveryFailure('ca-file-unreadable');
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new DeliveryFailure('ca-file-unreadable');
  const defaults = typeof tls.getCACertificates === 'function' ? tls.getCACertificates('default') : [...tls.rootCertificates];
  return [...defaults, pem];
}

/** TLS settings common to every channel. */
export const TLS_MIN_VERSION = 'TLSv1.2' as const;
