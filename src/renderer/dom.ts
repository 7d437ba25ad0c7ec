/**
 * The one way the windows build DOM: elements from a tag, attributes and children, where text is
 * always a text node. There is deliberately no way to set HTML (innerHTML, insertAdjacentHTML),
 * inline styles or on* attributes, and links may only point inside the app (#/…): data received
 * from the agent can never become markup, script or a navigation away from the window.
 */

export type Child = Node | string | number | null | undefined | false | readonly Child[];

type Listeners = { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };

export interface Props {
  class?: string | undefined;
  id?: string | undefined;
  lang?: string | undefined;
  /** In-app routes only: the renderer never navigates to another document. */
  href?: `#/${string}` | undefined;
  type?: 'button' | 'search' | 'password' | undefined;
  role?: string | undefined;
  tabindex?: number | undefined;
  hidden?: boolean | undefined;
  open?: boolean | undefined;
  datetime?: string | undefined;
  for?: string | undefined;
  autocomplete?: 'off' | undefined;
  spellcheck?: 'false' | undefined;
  [aria: `aria-${string}`]: string | number | boolean | undefined;
  /** data-focus-key names a control so that focus returns to it after a re-render. */
  [data: `data-${string}`]: string | undefined;
  on?: Listeners | undefined;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === 'on') {
      for (const [type, listener] of Object.entries(value as Listeners)) element.addEventListener(type, listener as EventListener);
      continue;
    }
    if (value === undefined || value === false) continue;
    // Types already forbid it; this guards against a cast slipping an external URL through.
    if (name === 'href' && !String(value).startsWith('#/')) throw new Error(`refusing non-route link ${String(value)}`);
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child as readonly Child[]);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
}

export type HeadingLevel = 1 | 2 | 3 | 4;

/** A heading at a level chosen by the caller, so that shared components keep the page's outline in order. */
export function heading(level: HeadingLevel, props: Props, ...children: Child[]): HTMLHeadingElement {
  return h(`h${level}`, props, ...children);
}

/** A <dl> of label/value pairs; rows whose value is null are left out rather than shown empty. */
export function fields(rows: readonly (readonly [string, Child] | null)[], props: Props = {}): HTMLDListElement {
  return h(
    'dl',
    { class: 'fields', ...props },
    rows.flatMap((row) => (row === null || row[1] === null || row[1] === undefined ? [] : [h('dt', {}, row[0]), h('dd', {}, row[1])])),
  );
}
