import type { ChannelDelivery, ReportReceipt } from '../../shared/ipc/contract';
import { isolatesByDefault, REPORT_GUIDANCE, type ReportKind } from '../../shared/report';
import { contactList, phoneNow } from '../components/contacts';
import { guidanceArticle } from '../components/guidance';
import { offersRelease, releaseCode } from '../components/release-code';
import type { ViewContext } from '../context';
import { fields, h } from '../dom';
import type { View } from '../context';

const channelText = (ctx: ViewContext, c: ChannelDelivery) =>
  ctx.t(c.state === 'delivered' ? 'report.delivered' : c.state === 'sending' ? 'ui.report.channel.sending' : 'report.queued', { target: c.target });

/** Not (yet) with the CSIRT: no channel configured, or a receiver still owes it. */
const undelivered = (receipt: ReportReceipt): boolean => receipt.channels.length === 0 || receipt.channels.some((c) => c.state !== 'delivered');

/** "Saved but not delivered yet: phone now", prominent. */
function callNow(ctx: ViewContext, receipt: ReportReceipt): HTMLElement {
  return h(
    'div',
    { class: 'notice notice--violation report-call' },
    h('p', { class: 'notice-title' }, ctx.t(receipt.channels.length === 0 ? 'report.no-channel' : 'ui.report.queued-call')),
    phoneNow(ctx),
  );
}

function delivery(ctx: ViewContext, receipt: ReportReceipt): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'delivery' },
    h('h2', { id: 'delivery' }, ctx.t('ui.report.delivery')),
    fields([[ctx.t('ui.report.result.id'), h('code', {}, receipt.id)]]),
    // Updated as delivery goes on: a polite live region, so each change is read out once.
    h('div', { 'aria-live': 'polite' }, h('ul', { class: 'delivery-list' }, receipt.channels.map((c) => h('li', { class: `delivery delivery--${c.state}` }, channelText(ctx, c))))),
  );
}

/** What happened to the network after an infection report: cut (and how), left on purpose, or not known. */
export type NetworkOutcome = NonNullable<ReportReceipt['isolation']> | 'not-asked' | 'unknown';

/** The network after an infection report, "keep the power on" (memory is evidence), and the release code where the policy allows it. */
export function network(ctx: ViewContext, outcome: NetworkOutcome): HTMLElement {
  const cut = typeof outcome === 'object' && outcome.code === 'isolation.isolated';
  const text =
    outcome === 'not-asked' ? ctx.t('ui.report.not-isolated') : outcome === 'unknown' ? ctx.t('ui.report.isolation-unknown') : ctx.t(outcome.code);
  return h(
    'section',
    { 'aria-labelledby': 'network' },
    h('h2', { id: 'network' }, ctx.t('ui.report.network')),
    h(
      'div',
      { class: `notice ${cut ? 'notice--pass' : 'notice--violation'}` },
      h('p', { class: 'notice-title' }, text),
      typeof outcome === 'object' && outcome.reportChannelCut && cut && h('p', {}, ctx.t('isolation.report-channel-cut')),
    ),
    h('p', { class: 'report-effect--strong' }, ctx.t('report.keep-power-on')),
    offersRelease(ctx) && releaseCode(ctx),
  );
}

export function contactsSection(ctx: ViewContext): HTMLElement {
  return h('section', { 'aria-labelledby': 'report-contacts' }, h('h2', { id: 'report-contacts' }, ctx.t('ui.report.contacts')), contactList(ctx, 3));
}

/** What came of a persisted report, what to do next (the kind's booklet section) and whom to call. */
export function reportResult(ctx: ViewContext, kind: ReportKind, receipt: ReportReceipt): View {
  const guidance = ctx.guidance.get(REPORT_GUIDANCE[kind]);
  return {
    title: ctx.t('ui.report.result.title'),
    content: [
      undelivered(receipt) && callNow(ctx, receipt),
      isolatesByDefault(kind) && network(ctx, receipt.isolation ?? 'not-asked'),
      delivery(ctx, receipt),
      guidance && h('section', { 'aria-labelledby': 'next' }, h('h2', { id: 'next' }, ctx.t('ui.report.next')), guidanceArticle(ctx, guidance, 3, { link: true })),
      contactsSection(ctx),
    ],
  };
}
