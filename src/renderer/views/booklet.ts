import type { GuidanceEntry } from '../../shared/guidance/schema';
import type { GuidanceId } from '../../shared/guidance/ids';
import { pick } from '../../shared/localized';
import { guidanceArticle, guidanceName } from '../components/guidance';
import type { View, ViewContext } from '../context';
import { h } from '../dom';
import { href } from '../router';
import { searchGuidance } from '../search';

/** Kept across re-renders (a snapshot arriving must not wipe what the user is typing). */
let query = '';

function resultItems(ctx: ViewContext, entries: readonly GuidanceEntry[]): HTMLElement[] {
  return entries.map((e) =>
    h(
      'li',
      { class: 'booklet-item' },
      h('h2', { class: 'booklet-item-title' }, h('a', { href: href({ view: 'booklet', id: e.id }), 'data-focus-key': `section-${e.id}` }, guidanceName(ctx, e))),
      h('p', {}, pick(e.summary, ctx.lang)),
    ),
  );
}

const countText = (ctx: ViewContext, n: number) => (n === 0 ? ctx.t('ui.booklet.none') : ctx.t('ui.booklet.count', { n }));

function list(ctx: ViewContext): View {
  const all = [...ctx.guidance.values()];
  const initial = searchGuidance(all, query);
  const results = h('ul', { class: 'booklet-list' }, resultItems(ctx, initial));
  // A polite live region: screen-reader users hear how many sections match as they type.
  const count = h('p', { class: 'muted', role: 'status', id: 'booklet-count' }, countText(ctx, initial.length));
  const input = h('input', {
    type: 'search',
    id: 'booklet-search',
    class: 'search-input',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': 'booklet-search-hint',
    'aria-controls': 'booklet-results',
    'data-focus-key': 'booklet-search',
  });
  input.value = query;
  // Filtering updates only the list and the count, so focus and the caret stay in the box.
  input.addEventListener('input', () => {
    query = input.value;
    const found = searchGuidance(all, query);
    results.replaceChildren(...resultItems(ctx, found));
    count.textContent = countText(ctx, found.length);
  });
  results.id = 'booklet-results';
  return {
    title: ctx.t('ui.booklet.title'),
    content: [
      h(
        'search',
        { class: 'search' },
        h('label', { for: 'booklet-search' }, ctx.t('ui.booklet.search')),
        input,
        h('p', { class: 'hint', id: 'booklet-search-hint' }, ctx.t('ui.booklet.search-hint')),
      ),
      count,
      results,
    ],
  };
}

function section(ctx: ViewContext, id: GuidanceId): View {
  const entry = ctx.guidance.get(id);
  const back = h('p', { class: 'back' }, h('a', { href: href({ view: 'booklet' }), 'data-focus-key': 'back' }, ctx.t('ui.booklet.back')));
  if (!entry) return { title: ctx.t('ui.not-found.title'), content: [h('p', {}, ctx.t('ui.not-found.body')), back] };
  // The section's name is the page's h1, so the article's parts are its h2s.
  const article = guidanceArticle(ctx, entry, 1, { checks: true, omitTitle: true });
  return { title: `${entry.id} ${pick(entry.title, ctx.lang)}`, content: [article, back] };
}

export function bookletView(ctx: ViewContext, id?: GuidanceId): View {
  return id ? section(ctx, id) : list(ctx);
}
