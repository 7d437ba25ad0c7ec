import type { CheckStatus } from '../../shared/checks';
import type { Severity } from '../../shared/findings';
import type { ViewContext } from '../context';
import { h } from '../dom';

/* Badges always carry their word: colour only repeats what the text says. */

export const statusBadge = (ctx: ViewContext, status: CheckStatus): HTMLElement =>
  h('span', { class: `badge badge--${status}` }, ctx.t(`status.${status}`));

export const severityBadge = (ctx: ViewContext, severity: Severity): HTMLElement =>
  h('span', { class: `badge badge--${severity}` }, ctx.t(`severity.${severity}`));
