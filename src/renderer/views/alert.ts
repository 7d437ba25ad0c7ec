import type { Finding } from '../../shared/findings';
import { pick } from '../../shared/localized';
import { findingText } from '../../shared/present/finding-text';
import { severityBadge } from '../components/badge';
import { contactList } from '../components/contacts';
import { subjectName } from '../components/finding-fields';
import { clauseList, guidanceName } from '../components/guidance';
import type { View, ViewContext } from '../context';
import { fields, h } from '../dom';
import { findFinding, guidanceOf } from '../find';
import { href } from '../router';
import { ALERTS, LAYOUT_OF, type AlertSpec } from './alert-kinds';
import { backToStatus } from './finding';

/** Facts the alert itself needs: the lending log for an approved stick, the policy's reason otherwise. */
function particulars(ctx: ViewContext, f: Finding): HTMLElement | null {
  const d = f.subject.details;
  if (f.kind === 'usb-approved-device') {
    return fields([
      [ctx.t('ui.field.device-name'), subjectName(ctx, f)],
      d.holder ? [ctx.t('ui.field.holder'), String(d.holder)] : null,
      d.lendingLogRef ? [ctx.t('ui.field.lending-log'), String(d.lendingLogRef)] : null,
    ]);
  }
  return f.rule.reason ? fields([[ctx.t('ui.finding.reason'), pick(f.rule.reason, ctx.lang)]]) : null;
}

function actionButtons(ctx: ViewContext, f: Finding, spec: AlertSpec): HTMLElement | null {
  if (spec.buttons.length === 0) return null;
  return h(
    'div',
    { class: 'button-row' },
    spec.buttons.map((b, i) =>
      h(
        'button',
        {
          type: 'button',
          class: `button ${i === 0 ? 'button--primary' : 'button--secondary'}`,
          'data-focus-key': `alert-${b.role}`,
          on: { click: () => ctx.actions.contact(b.role, f.id) },
        },
        ctx.t(b.label),
      ),
    ),
  );
}

/** Why it matters: each cited booklet section's summary and the 統一基準 clauses behind it. */
function why(ctx: ViewContext, f: Finding): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'why' },
    h('h2', { id: 'why' }, ctx.t('ui.alert.why')),
    guidanceOf(ctx, f).map((g) =>
      h(
        'article',
        { class: 'guidance guidance--brief' },
        h('h3', { class: 'guidance-title' }, guidanceName(ctx, g)),
        h('p', {}, pick(g.summary, ctx.lang)),
        clauseList(ctx, g),
        h('p', {}, h('a', { href: href({ view: 'booklet', id: g.id }), 'data-focus-key': `booklet-${g.id}` }, ctx.t('ui.alert.booklet', { id: g.id }))),
      ),
    ),
  );
}

export function alertView(ctx: ViewContext, id: string): View {
  const f = findFinding(ctx.snapshot, id);
  if (!f) {
    return { title: ctx.t('ui.alert.resolved.title'), content: [h('p', { class: 'notice notice--pass', role: 'status' }, ctx.t('ui.alert.resolved.body')), backToStatus(ctx)] };
  }
  const layout = LAYOUT_OF[f.kind];
  const spec = ALERTS[layout];
  return {
    title: ctx.t(spec.title),
    content: [
      h('div', { class: `alert alert--${layout} alert--${f.severity}` }, [
        h('p', { class: `lead lead--${f.severity}` }, severityBadge(ctx, f.severity), ' ', findingText(f, ctx.lang)),
        particulars(ctx, f),
        h('section', { 'aria-labelledby': 'steps' }, h('h2', { id: 'steps' }, ctx.t('ui.alert.steps')), h('ol', { class: 'steps steps--numbered' }, spec.steps.map((s) => h('li', {}, ctx.t(s))))),
        actionButtons(ctx, f, spec),
      ]),
      why(ctx, f),
      !spec.reminder && h('section', { 'aria-labelledby': 'contacts' }, h('h2', { id: 'contacts' }, ctx.t('ui.alert.contacts')), contactList(ctx, 3, f.id)),
      h('p', { class: 'back' }, h('a', { href: href({ view: 'finding', id: f.id }), 'data-focus-key': 'more' }, ctx.t('ui.alert.more'))),
    ],
  };
}
