import type { CheckId } from '../shared/checks';
import type { GuidanceEntry } from '../shared/guidance/schema';
import type { GuidanceId } from '../shared/guidance/ids';
import type { Params } from '../shared/i18n';
import type { ReportReceipt, ReportSubmission, Snapshot } from '../shared/ipc/contract';
import type { IsolationView, ReleaseResult } from '../shared/isolation';
import type { Lang } from '../shared/localized';
import type { Contact } from '../shared/policy/schema';
import type { ReportKind } from '../shared/report';
import type { Child } from './dom';
import type { MessageKey } from '../shared/i18n';

/** What a user can do from any window; app.ts runs them and reports failures. */
export interface Actions {
  recheck(check?: CheckId): void;
  contact(role: Contact['role'], findingId?: string): void;
  setLanguage(lang: Lang): void;
  /** Sends one report (confirmed by the user); the window then shows its receipt. */
  report(request: ReportSubmission): void;
  /** The note as the user types it: kept by the window until a report carrying it is persisted. */
  editNote(note: string): void;
  /** Sends a release code to the helper; the answer is shown next to where it was typed. */
  releaseIsolation(code: string): void;
}

/**
 * The report made from this window: being sent; persisted, with its receipt (updated as delivery
 * goes on); or not persisted — the receipt says what happened to the network, and is null when the
 * call itself failed — so the user can phone and send it again.
 */
export type ReportState =
  | { phase: 'idle' }
  | { phase: 'sending'; kind: ReportKind }
  | { phase: 'done'; kind: ReportKind; receipt: ReportReceipt }
  | { phase: 'not-saved'; kind: ReportKind; isolate: boolean; receipt: ReportReceipt | null };

/** Network isolation as the helper last told this window (null: not asked yet), and a release code's fate. */
export interface IsolationState {
  view: IsolationView | null;
  releasing: boolean;
  answer: ReleaseResult | null;
}

/** Everything a view reads: views are functions of this, with no state of their own (except the booklet query). */
export interface ViewContext {
  lang: Lang;
  t(key: MessageKey, params?: Params): string;
  snapshot: Snapshot;
  guidance: ReadonlyMap<GuidanceId, GuidanceEntry>;
  actions: Actions;
  report: ReportState;
  /** What the user has typed as a report's note and not yet seen persisted. */
  note: string;
  isolation: IsolationState;
}

export interface View {
  /** The page's name: the h1 and the window title. */
  title: string;
  content: Child[];
}
