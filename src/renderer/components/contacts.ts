import { pick } from '../../shared/localized';
import type { Contact } from '../../shared/policy/schema';
import { phoneContact } from '../../shared/report';
import type { ViewContext } from '../context';
import { fields, h, heading, type HeadingLevel } from '../dom';

/**
 * The policy's contacts. The phone number is text, not a tel: link, and mail goes through
 * window.mamori.contact, which builds the mailto: address in main from the policy: the renderer
 * never opens a URL itself.
 */
export function contactCard(ctx: ViewContext, contact: Contact, level: HeadingLevel, findingId?: string): HTMLElement {
  const role = ctx.t(`contact.${contact.role}`);
  return h(
    'li',
    { class: 'contact' },
    heading(level, { class: 'contact-role' }, role),
    h('p', { class: 'contact-name' }, pick(contact.name, ctx.lang)),
    fields([
      [ctx.t('ui.contact.phone'), h('span', { class: 'phone' }, contact.phone)],
      [ctx.t('ui.contact.email'), contact.email],
      contact.hours ? [ctx.t('ui.contact.hours'), pick(contact.hours, ctx.lang)] : null,
    ]),
    h(
      'button',
      {
        type: 'button',
        class: 'button button--secondary',
        'data-focus-key': `mail-${contact.role}`,
        on: { click: () => ctx.actions.contact(contact.role, findingId) },
      },
      ctx.t('ui.contact.mail', { role }),
    ),
  );
}

export function contactList(ctx: ViewContext, level: HeadingLevel, findingId?: string): HTMLElement {
  return h('ul', { class: 'contacts' }, ctx.snapshot.contacts.map((c) => contactCard(ctx, c, level, findingId)));
}

/** "Phone now: <name> <number>" for whoever must hear at once (the CSIRT, else the first contact). */
export function phoneNow(ctx: ViewContext): HTMLElement | null {
  const contact = phoneContact(ctx.snapshot.contacts);
  return contact ? h('p', { class: 'report-phone' }, ctx.t('report.call-now', { name: pick(contact.name, ctx.lang), phone: contact.phone })) : null;
}
