import { z } from 'zod';

/**
 * The helper's socket protocol: one JSON object a line each way. Requests are strict: a request
 * cannot carry endpoints, rules or paths; the helper takes every endpoint from the policy it reads
 * itself. Anything else (an unknown op, an extra key, a wrong type, an over-long line) is refused.
 */
export const MAX_LINE_BYTES = 8 * 1024;
export const DEFAULT_SOCKET_PATH = '/run/mamori/helper.sock';

const Reason = z.string().trim().min(1).max(1000);

export const Request = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('isolate'), reason: Reason }),
  z.strictObject({ op: z.literal('status') }),
  /** `code` is required unless the peer is root (an administrator). */
  z.strictObject({ op: z.literal('release'), code: z.string().min(1).max(256).optional(), reason: Reason.optional() }),
]);
export type Request = z.infer<typeof Request>;

/** Why a request did not succeed; the tray and CLI turn these into text from the message catalogue. */
export const ErrorCode = z.enum([
  'bad-request', // not a valid request line
  'not-authorized', // the peer is neither root nor the console user, or could not be identified
  'code-required', // release without a code from someone who is not root
  'bad-code', // wrong release code
  'rate-limited', // too many wrong codes: try again after retryAfterSeconds
  'no-release-code', // the policy defines no release code: only an administrator can release
  'not-isolated', // release asked while not isolated
  'apply-failed', // the firewall refused the rules (isolation is still wanted and is retried)
  'remove-failed', // the firewall rules could not be removed (still isolated)
  'audit-failed', // the audit log could not be written, so a release was refused
  'internal', // a bug: see the helper's log
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** Notices that come with a success: things the user or administrator must know. */
export const WarningCode = z.enum([
  'report-via-tunnel', // a report endpoint is routed through a VPN tunnel: isolation will cut the report channel
  'default-via-tunnel', // a full-tunnel VPN is up (the report endpoints are not routed through it)
  'unresolved-endpoint', // a policy host name did not resolve: it is NOT reachable while isolated
  'names-without-dns', // reporting uses host names but no DNS server is allowed: only the hosts file resolves
  'no-report-endpoint', // the policy names no reporting channel: nothing stays reachable
  'policy-problem', // the policy or isolation settings had problems (see detail); the usable parts were used
  'not-enforced', // isolation is wanted but the rules are not in force right now (being retried)
]);
export type WarningCode = z.infer<typeof WarningCode>;

export const Warning = z.strictObject({ code: WarningCode, detail: z.string().max(2000).optional() });
export type Warning = z.infer<typeof Warning>;

export const Status = z.strictObject({
  isolated: z.boolean(),
  /** Whether the firewall rules are in force right now (null: could not be told). */
  enforced: z.boolean().nullable(),
  since: z.string().optional(),
  actor: z.strictObject({ uid: z.number().optional(), user: z.string(), via: z.string() }).optional(),
  reason: z.string().optional(),
  /** "ip port/protocol (host)" for each allowed endpoint. */
  allowed: z.array(z.string()).default([]),
  releasableWithCode: z.boolean(),
  warnings: z.array(Warning).default([]),
});
export type Status = z.infer<typeof Status>;

export const Response = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), op: z.enum(['isolate', 'status', 'release']), status: Status }),
  z.strictObject({
    ok: z.literal(false),
    error: ErrorCode,
    detail: z.string().max(2000).optional(),
    retryAfterSeconds: z.number().int().min(0).optional(),
  }),
]);
export type Response = z.infer<typeof Response>;

export type ParsedLine = { ok: true; request: Request } | { ok: false; detail: string };

/** One request line as the helper reads it. */
export function parseRequestLine(line: string): ParsedLine {
  if (Buffer.byteLength(line, 'utf8') > MAX_LINE_BYTES) return { ok: false, detail: 'line too long' };
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { ok: false, detail: 'not JSON' };
  }
  const parsed = Request.safeParse(json);
  if (!parsed.success) return { ok: false, detail: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.code}`).join('; ').slice(0, 500) };
  return { ok: true, request: parsed.data };
}
