import { DeliveryFailure, type DeliveryErrorCode } from './types';

/** OpenSSL/Node verification codes, grouped into what an administrator has to fix. */
const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REJECTED',
  'INVALID_CA',
]);
const EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

const SOCKET: Record<string, DeliveryErrorCode> = {
  ECONNREFUSED: 'connection-refused',
  ENOTFOUND: 'host-not-found',
  EAI_AGAIN: 'host-not-found',
  ENETUNREACH: 'network-unreachable',
  EHOSTUNREACH: 'network-unreachable',
  EADDRNOTAVAIL: 'network-unreachable',
  ENETDOWN: 'network-unreachable',
  ECONNRESET: 'connection-reset',
  EPIPE: 'connection-reset',
  ECONNABORTED: 'connection-reset',
  ETIMEDOUT: 'timeout',
  ERR_TLS_CERT_ALTNAME_INVALID: 'tls-hostname-mismatch',
  ABORT_ERR: 'aborted',
};

/**
 * Turns whatever a socket, node:https or node:tls threw into a DeliveryFailure code. Only the code travels on:
 * error messages can carry server responses and are not shown or logged.
 */
export function classify(e: unknown): DeliveryFailure {
  if (e instanceof DeliveryFailure) return e;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (UNTRUSTED.has(code)) return new DeliveryFailure('tls-untrusted-certificate');
    if (EXPIRED.has(code)) return new DeliveryFailure('tls-certificate-expired');
    const mapped = SOCKET[code];
    if (mapped !== undefined) return new DeliveryFailure(mapped);
    if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code.startsWith('EPROTO')) return new DeliveryFailure('tls-failed');
  }
  if ((e as { name?: unknown }).name === 'AbortError') return new DeliveryFailure('aborted');
  return new DeliveryFailure('unknown');
}

/** Node's TLS verification messages, for libraries (nodemailer) that re-wrap the error and drop its code. */
export function classifyTlsMessage(message: string): DeliveryFailure {
  if (/Hostname\/IP does not match|altnames/i.test(message)) return new DeliveryFailure('tls-hostname-mismatch');
  if (/certificate has expired|not yet valid/i.test(message)) return new DeliveryFailure('tls-certificate-expired');
  if (/self[- ]signed|unable to (verify|get)|certificate (signature|chain)|untrusted/i.test(message)) return new DeliveryFailure('tls-untrusted-certificate');
  return new DeliveryFailure('tls-failed');
}
