import type { GuidanceEntry } from '../../shared/guidance/schema';
import { pick } from '../../shared/localized';
import type { ViewContext } from '../context';
import { h, heading, type HeadingLevel } from '../dom';
import { href } from '../router';

type Level = Exclude<HeadingLevel, 4>;
const below = (level: Level): HeadingLevel => (level + 1) as HeadingLevel;

/** "4章-3 USBメモリを利用するときは": the section id set apart so it reads as a reference. */
export function guidanceName(ctx: ViewContext, entry: GuidanceEntry): HTMLElement[] {
  return [h('span', { class: 'guidance-id' }, entry.id), h('span', {}, pick(entry.title, ctx.lang))];
}

/** The 統一基準 clauses a section cites, each with its title. */
export function clauseList(ctx: ViewContext, entry: GuidanceEntry): HTMLElement | null {
  if (entry.clauses.length === 0) return null;
  return h(
    'ul',
    { class: 'clauses' },
    entry.clauses.map((c) => h('li', {}, h('span', { class: 'clause-ref' }, ctx.t('cli.clause', { ref: c.ref })), ' ', pick(c.title, ctx.lang))),
  );
}

export interface GuidanceOptions {
  /** The heading links to the section's own page (in lists and finding details). */
  link?: boolean;
  /** Lists the checks this PC runs for the section (on the section's own page). */
  checks?: boolean;
  /** The page's h1 already names the section: leave the title out, the parts start one level below. */
  omitTitle?: boolean;
}

/** One booklet section in full: summary, what to do, the clauses it rests on. */
export function guidanceArticle(ctx: ViewContext, entry: GuidanceEntry, level: Level, options: GuidanceOptions = {}): HTMLElement {
  const name = guidanceName(ctx, entry);
  const sub = below(level);
  const clauses = clauseList(ctx, entry);
  return h(
    'article',
    { class: 'guidance' },
    !options.omitTitle && heading(level, { class: 'guidance-title' }, options.link ? h('a', { href: href({ view: 'booklet', id: entry.id }) }, name) : name),
    h('p', { class: 'guidance-summary' }, pick(entry.summary, ctx.lang)),
    heading(sub, {}, ctx.t('cli.what-to-do')),
    h('ol', { class: 'steps' }, entry.actions.map((a) => h('li', {}, pick(a, ctx.lang)))),
    clauses && [heading(sub, {}, ctx.t('ui.guidance.clauses')), clauses],
    options.checks && entry.checks.length > 0 && [
      heading(sub, {}, ctx.t('ui.guidance.checks')),
      h('ul', { class: 'inline-list' }, entry.checks.map((c) => h('li', {}, ctx.t(`check.${c}`)))),
    ],
  );
}
