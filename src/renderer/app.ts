import type { CheckId } from '../shared/checks';
import type { GuidanceEntry } from '../shared/guidance/schema';
import type { GuidanceId } from '../shared/guidance/ids';
import type { Snapshot } from '../shared/ipc/contract';
import type { Lang } from '../shared/localized';
import type { Contact } from '../shared/policy/schema';
import { BridgeError, type Bridge, type BridgeErrorCode } from './api';
import type { Actions, IsolationState, ReportState, View, ViewContext } from './context';
import { h } from './dom';
import { remember, restore } from './focus';
import { t as tr, type MessageKey } from '../shared/i18n';
import { releaseText, type ReleaseResult } from '../shared/isolation';
import { parseRoute, sameRoute, type Route } from './router';
import { viewFor } from './views';
import { appHeader } from './views/layout';
import { errorView, loadingView } from './views/system';

type State =
  | { phase: 'loading' }
  | { phase: 'ready'; snapshot: Snapshot; guidance: ReadonlyMap<GuidanceId, GuidanceEntry>; policyKey: string }
  | { phase: 'failed'; code: BridgeErrorCode };

const policyKey = (s: Snapshot) => `${s.policy.source}:${s.policy.revision}`;

/**
 * The window: one state (loading, ready with the latest snapshot, or failed), re-rendered whole
 * whenever the snapshot or the route changes. The agent's snapshot is the only source of truth;
 * the window keeps nothing of its own except what the user is doing (focus, search text).
 */
export class App {
  private state: State = { phase: 'loading' };
  private lang: Lang = 'ja';
  private shownRoute: Route | null = null;
  /** Counts snapshots pushed by the agent: a call's result older than a pushed snapshot is dropped. */
  private pushed = 0;
  /** Counts accepted snapshots, so that a slow guidance fetch cannot overwrite a newer snapshot. */
  private accepted = 0;
  /** The report made from this window; kept across snapshots, forgotten when the user picks a kind again. */
  private reportState: ReportState = { phase: 'idle' };
  /** The report's note being written: it outlives failed attempts and route changes, and goes once a report with it is persisted. */
  private note = '';
  private isolation: IsolationState = { view: null, releasing: false, answer: null };
  /** The page changed in place (a report went out): focus its heading, as on a route change. */
  private focusTitle = false;

  constructor(
    private readonly root: HTMLElement,
    private readonly announcer: HTMLElement,
    private readonly bridge: Bridge | null,
  ) {}

  start(): void {
    window.addEventListener('hashchange', () => this.render());
    if (!this.bridge) return this.fail(new BridgeError('bridge-missing'));
    this.bridge.onSnapshot(
      (snapshot) => {
        this.pushed++;
        void this.accept(snapshot).catch((e: unknown) => this.fail(e));
      },
      (error) => this.fail(error),
    );
    this.bridge.onReportStatus(
      (status) => {
        const r = this.reportState;
        if (r.phase !== 'done' || r.receipt.id !== status.id) return;
        this.reportState = { ...r, receipt: { ...r.receipt, channels: status.channels } };
        this.render();
      },
      (error) => this.fail(error),
    );
    void this.load();
    void this.refreshIsolation();
  }

  /** Asks the helper (through main) whether this PC is isolated. Not knowing only hides the isolation panel. */
  private async refreshIsolation(): Promise<void> {
    try {
      this.isolation = { ...this.isolation, view: await this.bridge!.isolationStatus() };
      this.render();
    } catch (e) {
      if (e instanceof BridgeError && e.code === 'invalid-data') this.fail(e);
    }
  }

  private async load(): Promise<void> {
    this.state = { phase: 'loading' };
    this.render();
    await this.fromCall(() => this.bridge!.getSnapshot()).catch((e: unknown) => this.fail(e));
  }

  /** A snapshot from a call is shown unless the agent pushed a newer one while the call ran. */
  private async fromCall(call: () => Promise<Snapshot>): Promise<void> {
    const before = this.pushed;
    const snapshot = await call();
    if (this.pushed === before) await this.accept(snapshot);
  }

  /** Guidance depends on the policy (organisations add steps), so it is fetched again only when the policy changes. */
  private async accept(snapshot: Snapshot): Promise<void> {
    const ticket = ++this.accepted;
    const key = policyKey(snapshot);
    let guidance = this.state.phase === 'ready' && this.state.policyKey === key ? this.state.guidance : null;
    if (!guidance) {
      const entries = await this.bridge!.getGuidance({});
      guidance = new Map(entries.map((e) => [e.id, e]));
    }
    if (ticket !== this.accepted) return;
    this.lang = snapshot.lang;
    this.state = { phase: 'ready', snapshot, guidance, policyKey: key };
    this.render();
  }

  private fail(error: unknown): void {
    this.state = { phase: 'failed', code: error instanceof BridgeError ? error.code : 'call-failed' };
    this.render();
  }

  private announce(key: MessageKey): void {
    this.announceText(tr(this.lang, key));
  }

  /** Said once by screen readers, however often the page is drawn again. */
  private announceText(text: string): void {
    this.announcer.textContent = '';
    // Set after a pause, so the same message twice in a row is still announced.
    window.setTimeout(() => (this.announcer.textContent = text), 100);
  }

  /** Invalid data ends in the error window; a refused or failed call only says so and keeps the window. */
  private async attempt(run: () => Promise<void>, failed: MessageKey = 'ui.action-failed'): Promise<boolean> {
    try {
      await run();
      return true;
    } catch (e) {
      if (e instanceof BridgeError && e.code === 'invalid-data') this.fail(e);
      else this.announce(failed);
      return false;
    }
  }

  private readonly actions: Actions = {
    recheck: (check?: CheckId) => {
      this.announce('ui.status.checking');
      void this.attempt(() => this.fromCall(() => this.bridge!.recheck(check ? { check } : {}))).then((ok) => ok && this.announce('ui.status.checked'));
    },
    contact: (role: Contact['role'], findingId?: string) => {
      const request = findingId ? { role, findingId } : { role };
      void this.attempt(() => this.bridge!.contact(request).then(() => undefined), 'ui.contact.failed').then((ok) => ok && this.announce('ui.contact.opened'));
    },
    setLanguage: (lang: Lang) => {
      void this.attempt(() => this.fromCall(() => this.bridge!.setLanguage({ lang })));
    },
    report: (request) => {
      if (this.reportState.phase === 'sending') return;
      const { kind, isolate } = request;
      this.showReport({ phase: 'sending', kind });
      // Whatever goes wrong, the window ends on a page that says whom to phone, and keeps the note until it is on disk.
      this.bridge!.report(request).then(
        (receipt) => {
          if (receipt.persisted.ok) this.note = '';
          this.showReport(receipt.persisted.ok ? { phase: 'done', kind, receipt } : { phase: 'not-saved', kind, isolate, receipt });
          if (receipt.isolation) void this.refreshIsolation();
        },
        () => this.showReport({ phase: 'not-saved', kind, isolate, receipt: null }),
      );
    },
    editNote: (note) => {
      this.note = note;
    },
    releaseIsolation: (code) => {
      if (this.isolation.releasing) return;
      this.isolation = { ...this.isolation, releasing: true, answer: null };
      this.render();
      void this.bridge!.releaseIsolation({ code })
        .catch((e: unknown): ReleaseResult => {
          if (e instanceof BridgeError && e.code === 'invalid-data') throw e;
          return { result: 'failed' };
        })
        .then((answer) => {
          this.isolation = { ...this.isolation, releasing: false, answer };
          this.announceText(releaseText(this.lang, answer));
          this.render();
          return this.refreshIsolation();
        })
        .catch((e: unknown) => this.fail(e));
    },
  };

  private showReport(state: ReportState): void {
    this.reportState = state;
    this.focusTitle = true;
    this.render();
  }

  private context(snapshot: Snapshot, guidance: ReadonlyMap<GuidanceId, GuidanceEntry>): ViewContext {
    const lang = snapshot.lang;
    return { lang, t: (key, params) => tr(lang, key, params), snapshot, guidance, actions: this.actions, report: this.reportState, note: this.note, isolation: this.isolation };
  }

  private render(): void {
    const route = parseRoute(location.hash);
    // Back at the list of kinds: a new report may be made (one being sent is kept).
    if (route.view === 'report' && !route.kind && this.reportState.phase !== 'sending') this.reportState = { phase: 'idle' };
    const moved = this.shownRoute !== null && !sameRoute(route, this.shownRoute);
    const memory = remember(this.root);

    let header: HTMLElement | null = null;
    let view: View;
    if (this.state.phase === 'ready') {
      const ctx = this.context(this.state.snapshot, this.state.guidance);
      header = appHeader(ctx, route);
      view = viewFor(ctx, route);
    } else if (this.state.phase === 'failed') {
      view = errorView(this.lang, this.state.code, () => void this.load());
    } else {
      view = loadingView(this.lang);
    }

    document.documentElement.lang = this.lang;
    document.title = tr(this.lang, 'ui.window-title', { page: view.title });
    // tabindex -1: the heading takes focus on a route change without joining the Tab order; its focus key
    // keeps it focused through the next re-render (a snapshot, the isolation status arriving).
    const title = h('h1', { tabindex: -1, class: 'page-title', 'data-focus-key': 'page-title' }, view.title);
    this.root.replaceChildren(...(header ? [header] : []), h('main', { id: 'main' }, title, ...view.content));

    if (this.state.phase === 'ready') this.shownRoute = route;
    if (moved || (this.focusTitle && this.state.phase === 'ready')) {
      this.focusTitle = false;
      window.scrollTo(0, 0);
      title.focus();
    } else {
      restore(this.root, memory);
    }
  }
}
