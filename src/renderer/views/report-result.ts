import type { ChannelDelivery, ReportReceipt } from '../../shared/ipc/contract';
import { pick } from '../../shared/localized';
import { phoneContact, REPORT_GUIDANCE, type ReportKind } from '../../shared/report';
import { contactList } from '../components/contacts';
import { guidanceArticle } from '../components/guidance';
import type { ViewContext } from '../context';
import { fields, h } from '../dom';
import type { View } from '../context';

const channelText = (ctx: ViewContext, c: ChannelDelivery) =>
  ctx.t(c.state === 'delivered' ? 'report.delivered' : c.state === 'sending' ? 'ui.report.channel.sending' : 'report.queued', { target: c.target });

/** Not (yet) with the CSIRT: not saved, no channel configured, or a receiver still owes it. */
export const undelivered = (receipt: ReportReceipt | null): boolean =>
  !receipt || !receipt.persisted.ok || receipt.channels.length === 0 || receipt.channels.some((c) => c.state !== 'delivered');

/** "Queued (or not sent): phone now", prominent, with the number from the policy. */
function callNow(ctx: ViewContext, receipt: ReportReceipt | null): HTMLElement {
  const contact = phoneContact(ctx.snapshot.contacts);
  const why = !receipt || !receipt.persisted.ok ? 'ui.report.failed' : receipt.channels.length === 0 ? 'report.no-channel' : 'ui.report.queued-call';
  return h(
    'div',
    { class: 'notice notice--violation report-call' },
    h('p', { class: 'notice-title' }, ctx.t(why)),
    contact && h('p', { class: 'report-phone' }, ctx.t('report.call-now', { name: pick(contact.name, ctx.lang), phone: contact.phone })),
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

function network(ctx: ViewContext, isolation: NonNullable<ReportReceipt['isolation']>): HTMLElement {
  const pullCable = isolation.code !== 'isolation.isolated';
  return h(
    'section',
    { 'aria-labelledby': 'network' },
    h('h2', { id: 'network' }, ctx.t('ui.report.network')),
    h(
      'div',
      { class: `notice ${pullCable ? 'notice--violation' : 'notice--pass'}` },
      h('p', { class: 'notice-title' }, ctx.t(isolation.code)),
      isolation.reportChannelCut && !pullCable && h('p', {}, ctx.t('isolation.report-channel-cut')),
    ),
  );
}

/** What came of the report, what to do next (the kind's booklet section) and whom to call. */
export function reportResult(ctx: ViewContext, kind: ReportKind, receipt: ReportReceipt | null): View {
  const guidance = ctx.guidance.get(REPORT_GUIDANCE[kind]);
  return {
    title: ctx.t(receipt?.persisted.ok ? 'ui.report.result.title' : 'ui.report.title'),
    content: [
      undelivered(receipt) && callNow(ctx, receipt),
      receipt?.isolation && network(ctx, receipt.isolation),
      receipt?.persisted.ok && delivery(ctx, receipt),
      guidance && h('section', { 'aria-labelledby': 'next' }, h('h2', { id: 'next' }, ctx.t('ui.report.next')), guidanceArticle(ctx, guidance, 3, { link: true })),
      h('section', { 'aria-labelledby': 'report-contacts' }, h('h2', { id: 'report-contacts' }, ctx.t('ui.report.contacts')), contactList(ctx, 3)),
    ],
  };
}
