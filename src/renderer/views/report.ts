import type { ReportReceipt } from '../../shared/ipc/contract';
import type { ReportKind } from '../../shared/report';
import { isolatesByDefault } from '../../shared/report';
import type { View, ViewContext } from '../context';
import { h, type Child } from '../dom';
import { href } from '../router';
import { phoneNow } from '../components/contacts';
import { contactsSection, network, reportResult } from './report-result';

const OTHER_KINDS = ['suspicious-mail', 'lost-device', 'other'] as const satisfies readonly ReportKind[];
const NOTE_MAX = 4000;

const kindName = (ctx: ViewContext, kind: ReportKind) => ctx.t(`report.kind.${kind}`);
/** The main send button's label: for a suspected infection it says that it disconnects. */
const sendLabel = (ctx: ViewContext, kind: ReportKind) => ctx.t(isolatesByDefault(kind) ? 'ui.report.infection.button' : 'ui.report.send');

/** The four kinds; a suspected infection first and largest (booklet 4章-5: at once). */
function chooser(ctx: ViewContext): View {
  const item = (kind: ReportKind, label: string, primary: boolean) =>
    h(
      'li',
      { class: `report-kind${primary ? ' report-kind--infection' : ''}` },
      h('a', { href: href({ view: 'report', kind }), class: `button ${primary ? 'button--primary button--large' : 'button--secondary'}`, 'aria-describedby': `hint-${kind}`, 'data-focus-key': `kind-${kind}` }, label),
      h('p', { class: 'hint', id: `hint-${kind}` }, ctx.t(`ui.report.${kind}.hint`)),
    );
  return {
    title: ctx.t('ui.report.title'),
    content: [
      h('p', {}, ctx.t('ui.report.intro')),
      h('ul', { class: 'report-kinds' }, item('infection', ctx.t('ui.report.infection.button'), true), OTHER_KINDS.map((k) => item(k, kindName(ctx, k), false))),
    ],
  };
}

/**
 * The send buttons. For a suspected infection the large, first one cuts the network (the safe
 * default for someone in a hurry); a smaller second one, with its risk spelled out, only reports.
 */
function sendButtons(ctx: ViewContext, kind: ReportKind, note: () => string): HTMLElement {
  const sending = ctx.report.phase === 'sending';
  const send = (isolate: boolean) => () => !sending && ctx.actions.report({ kind, note: note().slice(0, NOTE_MAX), isolate });
  const button = (label: string, className: string, focusKey: string, isolate: boolean, describedBy?: string) =>
    h('button', { type: 'button', class: `button ${className}`, 'aria-disabled': sending ? 'true' : undefined, 'aria-describedby': describedBy, 'data-focus-key': focusKey, on: { click: send(isolate) } }, label);
  if (!isolatesByDefault(kind)) return h('div', { class: 'button-row' }, button(sendLabel(ctx, kind), 'button--primary', 'report-send', false));
  return h(
    'div',
    { class: 'report-send' },
    h('div', { class: 'button-row' }, button(sendLabel(ctx, kind), 'button--primary button--large', 'report-send', true)),
    h(
      'div',
      { class: 'report-send-alternative' },
      button(ctx.t('ui.report.infection.no-isolate'), 'button--secondary', 'report-send-no-isolate', false, 'report-no-isolate-hint'),
      h('p', { class: 'hint', id: 'report-no-isolate-hint' }, ctx.t('ui.report.infection.no-isolate.hint')),
    ),
  );
}

/** One extra step that says exactly what will happen, with an optional note. */
function confirmation(ctx: ViewContext, kind: ReportKind): Child[] {
  const isolate = isolatesByDefault(kind);
  const sending = ctx.report.phase === 'sending';
  const textarea = h('textarea', { id: 'report-note', class: 'note-input', 'aria-describedby': 'report-note-hint', 'data-focus-key': 'report-note' });
  textarea.maxLength = NOTE_MAX;
  textarea.rows = 4;
  textarea.value = ctx.note;
  textarea.disabled = sending;
  textarea.addEventListener('input', () => ctx.actions.editNote(textarea.value));
  return [
    h('p', {}, ctx.t('ui.report.confirm.will', { button: sendLabel(ctx, kind) })),
    h(
      'ul',
      { class: 'steps report-effects' },
      h('li', {}, ctx.t('ui.report.confirm.send')),
      h('li', {}, ctx.t(isolate ? 'ui.report.confirm.isolate' : 'ui.report.confirm.no-isolate')),
      isolate && h('li', { class: 'report-effect--strong' }, ctx.t('report.keep-power-on')),
    ),
    h('div', { class: 'field' }, h('label', { for: 'report-note' }, ctx.t('ui.report.note.label')), textarea, h('p', { class: 'hint', id: 'report-note-hint' }, ctx.t('ui.report.note.hint'))),
    sendButtons(ctx, kind, () => textarea.value),
    sending && h('p', { class: 'muted', role: 'status' }, ctx.t('ui.report.sending')),
    !sending && h('p', { class: 'back' }, h('a', { href: href({ view: 'report' }), 'data-focus-key': 'report-back' }, ctx.t('ui.report.back'))),
  ];
}

/**
 * The report did not reach the disk (or the agent did not say): nothing is saved, so the user
 * phones now and can send it again from the same form, with the note still in it.
 */
function notSaved(ctx: ViewContext, kind: ReportKind, receipt: ReportReceipt | null, isolate: boolean): View {
  const networkOutcome = receipt ? (receipt.isolation ?? 'not-asked') : isolate ? 'unknown' : 'not-asked';
  return {
    title: ctx.t('ui.report.not-saved.title'),
    content: [
      h(
        'div',
        { class: 'notice notice--violation report-call' },
        h('p', { class: 'notice-title' }, ctx.t(receipt ? 'ui.report.not-saved' : 'ui.report.not-confirmed')),
        phoneNow(ctx),
        h('p', {}, ctx.t('ui.report.not-saved.retry')),
      ),
      confirmation(ctx, kind),
      isolatesByDefault(kind) && network(ctx, networkOutcome),
      contactsSection(ctx),
    ],
  };
}

/** #/report: the kinds; #/report/<kind>: the confirmation, then what came of the report. */
export function reportView(ctx: ViewContext, kind?: ReportKind): View {
  if (!kind) return chooser(ctx);
  const r = ctx.report;
  if (r.phase === 'done' && r.kind === kind) return reportResult(ctx, kind, r.receipt);
  if (r.phase === 'not-saved' && r.kind === kind) return notSaved(ctx, kind, r.receipt, r.isolate);
  return { title: ctx.t('ui.report.confirm.title', { kind: kindName(ctx, kind) }), content: confirmation(ctx, kind) };
}
