/**
 * A re-render replaces the DOM, and with it the focused element. What a keyboard or screen-reader
 * user was on is remembered by its data-focus-key (plus caret and open <details>) and put back,
 * so a snapshot arriving every few seconds never throws anyone back to the top of the window.
 */
export interface UiMemory {
  focusKey: string | undefined;
  selection: readonly [number | null, number | null] | null;
  openDetails: string[];
  scrollY: number;
}

export function remember(root: HTMLElement): UiMemory {
  const active = document.activeElement instanceof HTMLElement && root.contains(document.activeElement) ? document.activeElement : null;
  return {
    focusKey: active?.dataset.focusKey,
    selection: active instanceof HTMLInputElement ? [active.selectionStart, active.selectionEnd] : null,
    openDetails: [...root.querySelectorAll<HTMLDetailsElement>('details[open][data-state-key]')].map((d) => d.dataset.stateKey ?? ''),
    scrollY: window.scrollY,
  };
}

export function restore(root: HTMLElement, memory: UiMemory): void {
  for (const key of memory.openDetails) root.querySelector<HTMLDetailsElement>(`details[data-state-key="${CSS.escape(key)}"]`)?.setAttribute('open', '');
  window.scrollTo(0, memory.scrollY);
  if (memory.focusKey === undefined) return;
  const target = root.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(memory.focusKey)}"]`);
  if (!target) return;
  target.focus({ preventScroll: true });
  if (target instanceof HTMLInputElement && memory.selection) target.setSelectionRange(memory.selection[0], memory.selection[1]);
}
