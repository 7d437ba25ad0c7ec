import { z } from 'zod';
import { CheckId } from '../checks';
import { CheckResult } from '../findings';
import { GuidanceEntry } from '../guidance/schema';
import { GuidanceId } from '../guidance/ids';
import { Lang, LocalizedText } from '../localized';
import { Contact } from '../policy/schema';
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
} as const;

export const events = {
  [EVENTS.snapshot]: Snapshot,
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
  /** Returns a function that stops the subscription. */
  onSnapshot(listener: (snapshot: Snapshot) => void): () => void;
}
