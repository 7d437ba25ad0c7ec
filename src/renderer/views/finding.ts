import type { Finding } from '../../shared/findings';
import { pick } from '../../shared/localized';
import { findingText } from '../../shared/present/finding-text';
import { severityBadge } from '../components/badge';
import { contactList } from '../components/contacts';
import { findingFields } from '../components/finding-fields';
import { guidanceArticle } from '../components/guidance';
import type { View, ViewContext } from '../context';
import { fields, h } from '../dom';
import { findFinding, guidanceOf } from '../find';
import { formatTime } from '../format';
import { href } from '../router';

export const backToStatus = (ctx: ViewContext): HTMLElement =>
  h('p', { class: 'back' }, h('a', { href: href({ view: 'status' }), 'data-focus-key': 'back' }, ctx.t('ui.finding.back')));

function overview(ctx: ViewContext, f: Finding): HTMLElement[] {
  return [
    h('p', { class: `lead lead--${f.severity}` }, severityBadge(ctx, f.severity), ' ', findingText(f, ctx.lang)),
    fields([
      [ctx.t('ui.finding.check'), ctx.t(`check.${f.check}`)],
      [ctx.t('ui.finding.first-seen'), h('time', { datetime: f.firstSeen }, formatTime(ctx.lang, f.firstSeen))],
      [ctx.t('ui.finding.last-seen'), h('time', { datetime: f.lastSeen }, formatTime(ctx.lang, f.lastSeen))],
      f.rule.reason && f.kind !== 'usb-approved-device' ? [ctx.t('ui.finding.reason'), pick(f.rule.reason, ctx.lang)] : null,
    ]),
  ];
}

/** Everything about one finding: what was seen, what the booklet says about it, whom to call. */
export function findingView(ctx: ViewContext, id: string): View {
  const title = ctx.t('ui.finding.title');
  const f = findFinding(ctx.snapshot, id);
  if (!f) return { title, content: [h('p', { class: 'notice notice--pass', role: 'status' }, ctx.t('ui.finding.gone')), backToStatus(ctx)] };
  return {
    title,
    content: [
      ...overview(ctx, f),
      h('section', { 'aria-labelledby': 'what' }, h('h2', { id: 'what' }, ctx.t('ui.finding.what')), findingFields(ctx, f)),
      h('section', { 'aria-labelledby': 'guidance' }, h('h2', { id: 'guidance' }, ctx.t('ui.finding.guidance')), guidanceOf(ctx, f).map((g) => guidanceArticle(ctx, g, 3, { link: true }))),
      h('section', { 'aria-labelledby': 'contacts' }, h('h2', { id: 'contacts' }, ctx.t('cli.contacts')), contactList(ctx, 3, f.id)),
      backToStatus(ctx),
    ],
  };
}
