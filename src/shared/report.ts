import { z } from 'zod';
import { RunningProcess, WifiConnection } from './facts';
import { Finding } from './findings';
import { observed } from './observed';
import { LocalizedText } from './localized';

/** What a staff member reports (booklet 4章-5, 4章-4, 4章-6 including "maybe lost", 4章-8). */
export const ReportKind = z.enum(['infection', 'suspicious-mail', 'lost-device', 'other']);
export type ReportKind = z.infer<typeof ReportKind>;

export const NetworkInterface = z.strictObject({
  name: z.string().max(200),
  mac: z.string().max(64).nullable(),
  addresses: z.array(z.strictObject({ family: z.enum(['IPv4', 'IPv6']), address: z.string().max(100), cidr: z.string().max(100).nullable() })),
});

export const Connection = z.strictObject({
  protocol: z.enum(['tcp', 'udp', 'tcp6', 'udp6']),
  local: z.string().max(200),
  remote: z.string().max(200),
  state: z.string().max(40),
  pid: z.number().int().nullable(),
  process: z.string().max(1000).nullable(),
});
export type Connection = z.infer<typeof Connection>;

/**
 * One report, as persisted and as delivered. Immutable once written: its id lets a receiver
 * de-duplicate (delivery is at-least-once).
 */
export const Report = z.strictObject({
  /** UUID v4. */
  id: z.uuid(),
  kind: ReportKind,
  createdAt: z.iso.datetime(),
  /** Every document carries its classification and handling restriction (booklet 1章-1). */
  classification: z.strictObject({ label: LocalizedText, handling: LocalizedText }),
  organization: LocalizedText,
  policyRevision: z.number().int(),
  reporter: z.strictObject({
    user: z.string().max(200),
    hostname: z.string().max(255),
    os: z.string().max(500),
    mamoriVersion: z.string().max(40),
  }),
  network: observed(z.array(NetworkInterface)),
  wifi: observed(z.array(WifiConnection)),
  processes: observed(z.array(RunningProcess)),
  connections: observed(z.array(Connection)),
  /** The findings in force when the report was made. */
  findings: z.array(Finding),
  note: z.string().max(4000),
  /** Whether the user asked for the network to be cut (infection reports). */
  isolationRequested: z.boolean(),
});
export type Report = z.infer<typeof Report>;
