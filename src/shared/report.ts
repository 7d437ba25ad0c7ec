import { z } from 'zod';
import { RunningProcess, WifiConnection } from './facts';
import { Finding } from './findings';
import type { GuidanceId } from './guidance/ids';
import { observed } from './observed';
import { LocalizedText } from './localized';
import type { Contact } from './policy/schema';

/** What a staff member reports (booklet 4章-5, 4章-4, 4章-6 including "maybe lost", 4章-8). */
export const ReportKind = z.enum(['infection', 'suspicious-mail', 'lost-device', 'other']);
export type ReportKind = z.infer<typeof ReportKind>;

/** The booklet section each kind of report follows: what the user does next. */
export const REPORT_GUIDANCE: Readonly<Record<ReportKind, GuidanceId>> = { infection: '4章-5', 'suspicious-mail': '4章-4', 'lost-device': '4章-6', other: '4章-8' };

/** Only a suspected infection cuts the network (booklet 4章-5); the user may still decline it. */
/** Whom to phone when a report has not reached the CSIRT: the CSIRT, else the first contact. */
export const phoneContact = (contacts: readonly Contact[]): Contact | undefined => contacts.find((c) => c.role === 'csirt') ?? contacts[0];

export const isolatesByDefault = (kind: ReportKind): boolean => kind === 'infection';

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
