import { contactList } from '../components/contacts';
import type { View, ViewContext } from '../context';
import { h } from '../dom';

export function contactsView(ctx: ViewContext): View {
  return { title: ctx.t('cli.contacts'), content: [h('p', { class: 'lead' }, ctx.t('ui.contacts.intro')), contactList(ctx, 2)] };
}
