import { z } from 'zod';
import { CheckId } from '../checks';
import { CheckResult } from '../findings';
import { GuidanceEntry } from '../guidance/schema';
import { GuidanceId } from '../guidance/ids';
import { IsolationView, ReleaseCode, ReleaseResult } from '../isolation';
import { Lang, LocalizedText } from '../localized';
import { Contact } from '../policy/schema';
import { ReportKind } from '../report';
import { CHANNELS, EVENTS } from './channels';

/**
 * The one typed contract between the Electron main process and the renderer. Main validates every
 * request's arguments and every result against it; the renderer validates what it receives.
 * The preload exposes exactly one function per channel (no generic invoke).
 */

/** Everything a window shows, in one value: the renderer never assembles state from pieces. */
export const Snapshot = z.strictObject({
  lang: Lang,
  organization: LocalizedText,
  policy: z.strictObject({
    source: z.enum(['file', 'last-good', 'default']),
    revision: z.number().int(),
    /** Problems with the deployed policy, for the status window (administrators read them). */
    problems: z.array(z.strictObject({ file: z.string(), path: z.string(), message: LocalizedText })),
  }),
  checks: z.array(CheckResult),
  trayState: z.enum(['compliant', 'warning', 'violation', 'unknown']),
  contacts: z.array(Contact),
  /** Whether a check is running now (the status window shows it). */
  checking: z.array(CheckId),
});
export type Snapshot = z.infer<typeof Snapshot>;

const none = z.tuple([]);

/** What a window asks for: one report of a kind, the user's optional note, and whether to cut the network. */
export const ReportSubmission = z.strictObject({ kind: ReportKind, note: z.string().max(4000), isolate: z.boolean() });
export type ReportSubmission = z.infer<typeof ReportSubmission>;

const code = z.string().regex(/^[a-z0-9-]+$/).max(60);

/** One receiver's delivery state; host[:port] only (never a URL, so no token in a URL reaches a window). */
export const ChannelDelivery = z.strictObject({
  target: z.string().max(300),
  state: z.enum(['queued', 'sending', 'delivered', 'failed-will-retry']),
  lastError: code.optional(),
});
export type ChannelDelivery = z.infer<typeof ChannelDelivery>;

/** What came of a report: persisted first, sent while the network still worked, then (infection) isolated. */
export const ReportReceipt = z.strictObject({
  id: z.uuid(),
  kind: ReportKind,
  persisted: z.strictObject({ ok: z.boolean(), code: code.optional() }),
  channels: z.array(ChannelDelivery),
  /** The isolation outcome; its code is a message-catalogue key. Null when the network was not to be cut. */
  isolation: z.strictObject({ code: z.enum(['isolation.isolated', 'isolation.network-off-pull-cable', 'isolation.wifi-off-pull-cable', 'isolation.pull-cable']), reportChannelCut: z.boolean() }).nullable(),
});
export type ReportReceipt = z.infer<typeof ReportReceipt>;

/** Pushed as a report's delivery progresses (retries included). */
export const ReportStatusEvent = z.strictObject({ id: z.uuid(), channels: z.array(ChannelDelivery) });
export type ReportStatusEvent = z.infer<typeof ReportStatusEvent>;

export const contract = {
  [CHANNELS.getSnapshot]: { args: none, result: Snapshot },
  [CHANNELS.recheck]: { args: z.tuple([z.strictObject({ check: CheckId.optional() })]), result: Snapshot },
  [CHANNELS.getGuidance]: { args: z.tuple([z.strictObject({ id: GuidanceId.optional() })]), result: z.array(GuidanceEntry) },
  [CHANNELS.setLanguage]: { args: z.tuple([z.strictObject({ lang: Lang })]), result: Snapshot },
  /** Opens the user's mail program addressed to a policy contact, about a finding (the address is built in main). */
  [CHANNELS.contact]: {
    args: z.tuple([z.strictObject({ role: Contact.shape.role, findingId: z.string().regex(/^[a-z0-9-]+\/[0-9a-f]{16}$/).optional() })]),
    result: z.null(),
  },
  /** Staff's report (booklet 4章-4, 4章-5, 4章-6, 4章-8): persisted, sent, and for infection the network cut. */
  [CHANNELS.report]: { args: z.tuple([ReportSubmission]), result: ReportReceipt },
  /** Whether this PC is isolated and whether staff may lift it with a code (asked of the helper each time). */
  [CHANNELS.isolationStatus]: { args: none, result: IsolationView },
  /** Staff's release code, passed to the helper, which checks it, rate-limits wrong ones and audits every attempt. */
  [CHANNELS.releaseIsolation]: { args: z.tuple([z.strictObject({ code: ReleaseCode })]), result: ReleaseResult },
} as const;

export const events = {
  [EVENTS.snapshot]: Snapshot,
  [EVENTS.reportStatus]: ReportStatusEvent,
} as const;

export type Channel = keyof typeof contract;
export type Args<C extends Channel> = z.infer<(typeof contract)[C]['args']>;
export type Result<C extends Channel> = z.infer<(typeof contract)[C]['result']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

/** The API the preload exposes as window.mamori: one named function per channel, and one subscription. */
export interface MamoriApi {
  getSnapshot(): Promise<Snapshot>;
  recheck(request: Args<typeof CHANNELS.recheck>[0]): Promise<Snapshot>;
  getGuidance(request: Args<typeof CHANNELS.getGuidance>[0]): Promise<GuidanceEntry[]>;
  setLanguage(request: Args<typeof CHANNELS.setLanguage>[0]): Promise<Snapshot>;
  contact(request: Args<typeof CHANNELS.contact>[0]): Promise<null>;
  report(request: ReportSubmission): Promise<ReportReceipt>;
  isolationStatus(): Promise<IsolationView>;
  releaseIsolation(request: Args<typeof CHANNELS.releaseIsolation>[0]): Promise<ReleaseResult>;
  /** Returns a function that stops the subscription. */
  onSnapshot(listener: (snapshot: Snapshot) => void): () => void;
  onReportStatus(listener: (status: ReportStatusEvent) => void): () => void;
}
