import type { CheckId } from '../shared/checks';
import type { GuidanceEntry } from '../shared/guidance/schema';
import type { GuidanceId } from '../shared/guidance/ids';
import type { Params } from '../shared/i18n';
import type { Snapshot } from '../shared/ipc/contract';
import type { Lang } from '../shared/localized';
import type { Contact } from '../shared/policy/schema';
import type { Child } from './dom';
import type { MessageKey } from '../shared/i18n';

/** What a user can do from any window; app.ts runs them and reports failures. */
export interface Actions {
  recheck(check?: CheckId): void;
  contact(role: Contact['role'], findingId?: string): void;
  setLanguage(lang: Lang): void;
}

/** Everything a view reads: views are functions of this, with no state of their own (except the booklet query). */
export interface ViewContext {
  lang: Lang;
  t(key: MessageKey, params?: Params): string;
  snapshot: Snapshot;
  guidance: ReadonlyMap<GuidanceId, GuidanceEntry>;
  actions: Actions;
}

export interface View {
  /** The page's name: the h1 and the window title. */
  title: string;
  content: Child[];
}
