import { CHECK_IDS, type CheckId } from '../../shared/checks';
import type { CheckResult } from '../../shared/findings';
import { pick } from '../../shared/localized';
import { findingText } from '../../shared/present/finding-text';
import { severityBadge, statusBadge } from '../components/badge';
import { phoneNow } from '../components/contacts';
import { offersRelease, releaseCode } from '../components/release-code';
import type { View, ViewContext } from '../context';
import { fields, h } from '../dom';
import { formatTime } from '../format';
import { href } from '../router';

/** The one-line verdict above the checks, worded for the person at the PC. */
function summary(ctx: ViewContext): HTMLElement {
  const { checks, trayState } = ctx.snapshot;
  const failing = checks.filter((c) => c.status === 'fail').length;
  const sentence =
    checks.length === 0
      ? ctx.t('ui.status.not-checked')
      : trayState === 'compliant'
        ? ctx.t('cli.summary.pass')
        : failing > 0
          ? ctx.t('cli.summary.fail', { n: failing })
          : ctx.t('cli.summary.unknown');
  const busy = ctx.snapshot.checking.length > 0;
  return h(
    'div',
    { class: `summary summary--${checks.length === 0 ? 'unknown' : trayState}` },
    h('p', { class: 'summary-text' }, sentence),
    h(
      'button',
      {
        type: 'button',
        class: 'button button--primary',
        'data-focus-key': 'recheck-all',
        // aria-disabled rather than disabled: a disabled button drops keyboard focus mid-check.
        'aria-disabled': busy ? 'true' : undefined,
        on: { click: () => !busy && ctx.actions.recheck() },
      },
      ctx.t('ui.status.recheck-all'),
    ),
  );
}

function findingsOf(ctx: ViewContext, result: CheckResult): HTMLElement[] {
  if (result.findings.length === 0) return result.status === 'pass' ? [h('p', { class: 'muted' }, ctx.t('ui.status.no-findings'))] : [];
  return [
    h('h3', { class: 'minor-heading' }, ctx.t('ui.status.findings')),
    h(
      'ul',
      { class: 'finding-list' },
      result.findings.map((f) =>
        h(
          'li',
          { class: `finding finding--${f.severity}` },
          severityBadge(ctx, f.severity),
          h('a', { href: href({ view: 'finding', id: f.id }), 'data-focus-key': `finding-${f.id}` }, findingText(f, ctx.lang)),
        ),
      ),
    ),
  ];
}

function unknownsOf(ctx: ViewContext, result: CheckResult): HTMLElement[] {
  if (result.unknowns.length === 0) return [];
  // Several facts often fail for one reason (no desktop session): say each reason once.
  const reasons = new Set(result.unknowns.map((u) => ctx.t(`unknown.${u.reason}`, { detail: u.detail ?? u.fact })));
  return [
    h('h3', { class: 'minor-heading' }, ctx.t('ui.status.unknowns')),
    h('ul', { class: 'unknown-list' }, [...reasons].map((reason) => h('li', {}, reason))),
  ];
}

function checkCard(ctx: ViewContext, id: CheckId): HTMLElement {
  const result = ctx.snapshot.checks.find((c) => c.id === id);
  const running = ctx.snapshot.checking.includes(id);
  const name = ctx.t(`check.${id}`);
  const headingId = `check-${id}`;
  return h(
    'li',
    { class: `check check--${result?.status ?? 'none'}` },
    h('section', { 'aria-labelledby': headingId }, [
      h('div', { class: 'check-head' }, h('h2', { id: headingId }, name), result && statusBadge(ctx, result.status)),
      h(
        'p',
        { class: 'check-meta' },
        running
          ? h('span', { class: 'checking' }, ctx.t('ui.status.checking'))
          : result
            ? [ctx.t('ui.status.checked-at'), ' ', h('time', { datetime: result.checkedAt }, formatTime(ctx.lang, result.checkedAt))]
            : ctx.t('ui.status.not-checked'),
      ),
      result && findingsOf(ctx, result),
      result && unknownsOf(ctx, result),
      h(
        'button',
        {
          type: 'button',
          class: 'button button--secondary',
          'data-focus-key': `recheck-${id}`,
          'aria-disabled': running ? 'true' : undefined,
          on: { click: () => !running && ctx.actions.recheck(id) },
        },
        ctx.t('ui.status.recheck-one', { check: name }),
      ),
    ]),
  );
}

/** Only while this PC is cut off (or a release code's answer is still to be read): what it means and who lifts it. */
function isolation(ctx: ViewContext): HTMLElement | null {
  const { view, answer } = ctx.isolation;
  const isolated = view?.helper === 'available' && view.isolated;
  if (!isolated && answer === null) return null;
  return h(
    'section',
    { class: 'isolation', 'aria-labelledby': 'isolation' },
    h('h2', { id: 'isolation' }, ctx.t('ui.isolation.title')),
    isolated &&
      h(
        'div',
        { class: 'notice notice--violation' },
        h('p', { class: 'notice-title' }, ctx.t('isolation.status.isolated')),
        h('p', {}, ctx.t(view.releasableWithCode ? 'isolation.status.release-with-code' : 'isolation.status.admin-only')),
        !view.releasableWithCode && phoneNow(ctx),
      ),
    offersRelease(ctx) && releaseCode(ctx),
  );
}

/** Policy facts for administrators: present, but folded away so staff are not alarmed by them. */
function adminDetails(ctx: ViewContext): HTMLElement {
  const { policy } = ctx.snapshot;
  return h(
    'details',
    { class: 'admin', 'data-state-key': 'admin' },
    h('summary', { 'data-focus-key': 'admin' }, ctx.t('ui.admin.title')),
    fields([
      [ctx.t('ui.admin.organization'), pick(ctx.snapshot.organization, ctx.lang)],
      [ctx.t('ui.admin.source'), ctx.t(`ui.policy.${policy.source}`)],
      [ctx.t('ui.admin.revision'), String(policy.revision)],
    ]),
    h('h2', { class: 'minor-heading' }, ctx.t('ui.admin.problems')),
    policy.problems.length === 0
      ? h('p', { class: 'muted' }, ctx.t('ui.admin.no-problems'))
      : h(
          'ul',
          { class: 'problem-list' },
          policy.problems.map((p) =>
            h('li', {}, p.path ? h('code', {}, ctx.t('ui.admin.problem-at', { file: p.file, path: p.path })) : h('code', {}, p.file), ' ', pick(p.message, ctx.lang)),
          ),
        ),
  );
}

export function statusView(ctx: ViewContext): View {
  return {
    title: ctx.t('ui.status.title'),
    content: [isolation(ctx), summary(ctx), h('ul', { class: 'check-grid' }, CHECK_IDS.map((id) => checkCard(ctx, id))), adminDetails(ctx)],
  };
}
