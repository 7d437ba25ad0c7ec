import type { Lang } from '../../shared/localized';
import { pick } from '../../shared/localized';
import type { ViewContext } from '../context';
import { h } from '../dom';
import type { MessageKey } from '../../shared/i18n';
import { href, type Route } from '../router';

const NAV: readonly { view: 'status' | 'booklet' | 'contacts'; label: MessageKey }[] = [
  { view: 'status', label: 'ui.nav.status' },
  { view: 'booklet', label: 'ui.nav.booklet' },
  { view: 'contacts', label: 'ui.nav.contacts' },
];

/** Moves keyboard focus past the header; a button, because a #main link would fight the hash router. */
function skipLink(ctx: ViewContext): HTMLElement {
  const skip = () => document.querySelector<HTMLElement>('main h1')?.focus();
  return h('button', { type: 'button', class: 'skip-link', on: { click: skip } }, ctx.t('ui.skip-to-main'));
}

function languageSwitch(ctx: ViewContext): HTMLElement {
  const option = (lang: Lang, label: MessageKey) =>
    h(
      'button',
      {
        type: 'button',
        class: 'lang-option',
        // Each name is in its own language, so screen readers pronounce it right.
        lang,
        'aria-pressed': String(ctx.lang === lang),
        'data-focus-key': `lang-${lang}`,
        on: { click: () => ctx.lang !== lang && ctx.actions.setLanguage(lang) },
      },
      ctx.t(label),
    );
  return h('div', { class: 'lang-switch', role: 'group', 'aria-label': ctx.t('ui.lang.label') }, option('ja', 'ui.lang.ja'), option('en', 'ui.lang.en'));
}

function navigation(ctx: ViewContext, route: Route): HTMLElement {
  return h(
    'nav',
    { class: 'app-nav', 'aria-label': ctx.t('ui.nav.label') },
    h(
      'ul',
      {},
      NAV.map((item) =>
        h('li', {}, h('a', { href: href({ view: item.view }), 'aria-current': route.view === item.view ? 'page' : undefined, 'data-focus-key': `nav-${item.view}` }, ctx.t(item.label))),
      ),
    ),
  );
}

/** The header every window shares: who runs this PC's policy, where to go, which language. */
export function appHeader(ctx: ViewContext, route: Route): HTMLElement {
  return h(
    'header',
    { class: 'app-header' },
    skipLink(ctx),
    h('div', { class: 'brand' }, h('span', { class: 'brand-name' }, ctx.t('app.name')), h('span', { class: 'brand-org' }, pick(ctx.snapshot.organization, ctx.lang))),
    navigation(ctx, route),
    languageSwitch(ctx),
  );
}
