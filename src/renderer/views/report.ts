import type { ReportKind } from '../../shared/report';
import { isolatesByDefault } from '../../shared/report';
import type { View, ViewContext } from '../context';
import { h } from '../dom';
import { href } from '../router';
import { reportResult } from './report-result';

const OTHER_KINDS = ['suspicious-mail', 'lost-device', 'other'] as const satisfies readonly ReportKind[];
const NOTE_MAX = 4000;

/** What the user is typing: kept across re-renders (a snapshot arriving must not wipe it), cleared once sent. */
let note = '';

const kindName = (ctx: ViewContext, kind: ReportKind) => ctx.t(`report.kind.${kind}`);
const sendLabel = (ctx: ViewContext, kind: ReportKind) => ctx.t(kind === 'infection' ? 'ui.report.infection.button' : 'ui.report.send');

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

/** One extra step that says exactly what will happen, with an optional note. */
function confirmation(ctx: ViewContext, kind: ReportKind): View {
  const isolate = isolatesByDefault(kind);
  const sending = ctx.report.phase === 'sending';
  const textarea = h('textarea', { id: 'report-note', class: 'note-input', 'aria-describedby': 'report-note-hint', 'data-focus-key': 'report-note' });
  textarea.maxLength = NOTE_MAX;
  textarea.rows = 4;
  textarea.value = note;
  textarea.disabled = sending;
  textarea.addEventListener('input', () => (note = textarea.value));
  const send = () => {
    if (sending) return;
    const request = { kind, note: note.slice(0, NOTE_MAX), isolate };
    note = '';
    ctx.actions.report(request);
  };
  return {
    title: ctx.t('ui.report.confirm.title', { kind: kindName(ctx, kind) }),
    content: [
      h('p', {}, ctx.t('ui.report.confirm.will')),
      h(
        'ul',
        { class: 'steps report-effects' },
        h('li', {}, ctx.t('ui.report.confirm.send')),
        h('li', {}, ctx.t(isolate ? 'ui.report.confirm.isolate' : 'ui.report.confirm.no-isolate')),
        isolate && h('li', { class: 'report-effect--strong' }, ctx.t('ui.report.confirm.power')),
      ),
      h('div', { class: 'field' }, h('label', { for: 'report-note' }, ctx.t('ui.report.note.label')), textarea, h('p', { class: 'hint', id: 'report-note-hint' }, ctx.t('ui.report.note.hint'))),
      h(
        'div',
        { class: 'button-row' },
        h(
          'button',
          { type: 'button', class: `button button--primary${isolate ? ' button--large' : ''}`, 'aria-disabled': sending ? 'true' : undefined, 'data-focus-key': 'report-send', on: { click: send } },
          sendLabel(ctx, kind),
        ),
      ),
      sending && h('p', { class: 'muted', role: 'status' }, ctx.t('ui.report.sending')),
      !sending && h('p', { class: 'back' }, h('a', { href: href({ view: 'report' }), 'data-focus-key': 'report-back' }, ctx.t('ui.report.back'))),
    ],
  };
}

/** #/report: the kinds; #/report/<kind>: the confirmation, then what came of the report. */
export function reportView(ctx: ViewContext, kind?: ReportKind): View {
  if (!kind) return chooser(ctx);
  const r = ctx.report;
  if ((r.phase === 'done' || r.phase === 'failed') && r.kind === kind) return reportResult(ctx, kind, r.phase === 'done' ? r.receipt : null);
  return confirmation(ctx, kind);
}
