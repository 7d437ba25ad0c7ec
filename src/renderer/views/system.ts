import type { Lang } from '../../shared/localized';
import type { BridgeErrorCode } from '../api';
import type { View, ViewContext } from '../context';
import { h } from '../dom';
import { t as tr } from '../../shared/i18n';
import { href } from '../router';

/** Shown instead of any window when the agent cannot be reached or sent something that does not fit the contract. */
export function errorView(lang: Lang, code: BridgeErrorCode, retry: () => void): View {
  const t = (key: Parameters<typeof tr>[1], params?: Parameters<typeof tr>[2]) => tr(lang, key, params);
  return {
    title: t('ui.error.title'),
    content: [
      h(
        'div',
        { class: 'notice notice--violation', role: 'alert' },
        h('p', { class: 'notice-title' }, t(`ui.error.${code}`)),
        h('p', {}, t('ui.error.advice')),
        h('p', { class: 'muted' }, h('code', {}, t('ui.error.code', { code }))),
      ),
      h('button', { type: 'button', class: 'button button--primary', 'data-focus-key': 'retry', on: { click: retry } }, t('ui.error.retry')),
    ],
  };
}

export function loadingView(lang: Lang): View {
  return { title: tr(lang, 'app.name'), content: [h('p', { class: 'muted', role: 'status' }, tr(lang, 'ui.loading'))] };
}

export function notFoundView(ctx: ViewContext): View {
  return {
    title: ctx.t('ui.not-found.title'),
    content: [h('p', {}, ctx.t('ui.not-found.body')), h('p', { class: 'back' }, h('a', { href: href({ view: 'status' }) }, ctx.t('ui.finding.back')))],
  };
}
