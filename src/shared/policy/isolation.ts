import { z } from 'zod';

/**
 * Network-isolation settings, the policy field `reporting.isolation` (see docs/isolation.md).
 * Read by the privileged isolation helper (src/node/isolation/) from the machine policy only.
 * Custom messages are message-catalogue keys (policy.expected.*).
 */
const Port = z.number().int().min(1).max(65535);
/** A hostname or an IP literal: letters, digits, dots, hyphens, colons (IPv6); never anything a rule file could misread. */
const HostName = z.string().min(1).max(253).regex(/^[A-Za-z0-9.:-]+$/, 'policy.expected.host');
const IpLiteral = z.union([z.ipv4(), z.ipv6()]);

export const IsolationAllow = z.strictObject({
  host: HostName,
  /** Left out: every port of the host (for the given protocol). */
  port: Port.optional(),
  protocol: z.enum(['tcp', 'udp']).default('tcp'),
});
export type IsolationAllow = z.infer<typeof IsolationAllow>;

/** scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt base64>$<key base64> (see src/node/isolation/release-code.ts). */
export const ReleaseCodeHash = z.string().max(400).regex(/^scrypt\$ln=\d{1,2},r=\d{1,2},p=\d{1,2}\$[A-Za-z0-9+/=]{16,88}\$[A-Za-z0-9+/=]{22,88}$/, 'policy.expected.release-code-hash');

export const IsolationSettings = z.strictObject({
  /** Endpoints kept reachable besides the reporting channels (e.g. the management server). */
  allow: z.array(IsolationAllow).max(64).default([]),
  /** DNS servers kept reachable (UDP and TCP port 53). Without any, names resolve only from the hosts file. */
  dns: z.array(IpLiteral).max(8).default([]),
  /** Staff may release isolation with this code; without it only an administrator (root) can release. */
  releaseCodeHash: ReleaseCodeHash.optional(),
});
export type IsolationSettings = z.infer<typeof IsolationSettings>;
