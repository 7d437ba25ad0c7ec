import { RELEASE_CODE_MAX, releaseText } from '../../shared/isolation';
import type { ViewContext } from '../context';
import { h } from '../dom';

/**
 * What is being typed into the code field, kept only so that a re-render (a snapshot arriving)
 * does not wipe it; dropped the moment it is sent. The code never leaves this window except
 * through window.mamori.releaseIsolation, and is never shown.
 */
let typed = '';

/** Whether this window should offer the code: isolated, the policy defines a code, or an answer is still to be read. */
export const offersRelease = (ctx: ViewContext): boolean => {
  const { view, answer } = ctx.isolation;
  return answer !== null || (view?.helper === 'available' && view.isolated && view.releasableWithCode);
};

/**
 * "Enter the release code": folded away until opened (someone who has just reported an infection
 * has no code yet, and should not be drawn to it), a password field, and the helper's answer.
 * The helper checks the code, slows down wrong ones and audits every attempt.
 */
export function releaseCode(ctx: ViewContext): HTMLElement {
  const { releasing, answer } = ctx.isolation;
  const input = h('input', {
    id: 'release-code',
    type: 'password',
    class: 'code-input',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': 'release-code-hint',
    'data-focus-key': 'release-code',
  });
  input.maxLength = RELEASE_CODE_MAX;
  input.value = typed;
  input.addEventListener('input', () => (typed = input.value));
  const submit = () => {
    if (releasing || typed.trim() === '') return;
    const code = typed;
    typed = '';
    ctx.actions.releaseIsolation(code);
  };
  input.addEventListener('keydown', (e) => e.key === 'Enter' && !e.isComposing && submit());
  const released = answer?.result === 'released';
  return h(
    'details',
    { class: 'release', 'data-state-key': 'release', open: releasing || answer !== null },
    h('summary', { 'data-focus-key': 'release-summary' }, ctx.t('ui.release.title')),
    !released && [
      h('div', { class: 'field' }, h('label', { for: 'release-code' }, ctx.t('ui.release.label')), input, h('p', { class: 'hint', id: 'release-code-hint' }, ctx.t('ui.release.hint'))),
      h(
        'div',
        { class: 'button-row' },
        h('button', { type: 'button', class: 'button button--secondary', 'aria-disabled': releasing ? 'true' : undefined, 'data-focus-key': 'release-submit', on: { click: submit } }, ctx.t('ui.release.submit')),
      ),
    ],
    releasing && h('p', { class: 'muted' }, ctx.t('ui.release.checking')),
    // Read out through the window's announcer once; drawn here for whoever looks.
    answer && h('p', { class: `notice ${released ? 'notice--pass' : 'notice--violation'} release-answer` }, releaseText(ctx.lang, answer)),
  );
}
