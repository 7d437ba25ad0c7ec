import { Finding } from '../shared/findings';
import { GuidanceId } from '../shared/guidance/ids';
import { ReportKind } from '../shared/report';

/**
 * The windows are one page with hash routes, so that main opens any of them as
 * app://mamori/index.html#/… (status, a finding, an alert, the booklet, contacts, a report).
 * Ids in a route are checked against the shared schemas before a view uses them.
 */
export type Route =
  | { view: 'status' }
  | { view: 'finding'; id: string }
  | { view: 'alert'; id: string }
  | { view: 'booklet'; id?: GuidanceId }
  | { view: 'contacts' }
  | { view: 'report'; kind?: ReportKind }
  | { view: 'not-found' };

const FindingId = Finding.shape.id;

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  if (path === '' || path === 'status') return { view: 'status' };
  if (path === 'contacts') return { view: 'contacts' };
  if (path === 'booklet') return { view: 'booklet' };
  if (path === 'report') return { view: 'report' };
  const [head, ...rest] = path.split('/');
  const tail = decode(rest.join('/'));
  if ((head === 'finding' || head === 'alert') && FindingId.safeParse(tail).success) return { view: head, id: tail! };
  if (head === 'booklet') {
    const id = GuidanceId.safeParse(tail);
    if (id.success) return { view: 'booklet', id: id.data };
  }
  if (head === 'report') {
    const kind = ReportKind.safeParse(tail);
    if (kind.success) return { view: 'report', kind: kind.data };
  }
  return { view: 'not-found' };
}

/** The link to a route. Finding ids keep their "/" (they are [a-z0-9-]+/[0-9a-f]{16}). */
export function href(route: Exclude<Route, { view: 'not-found' }>): `#/${string}` {
  switch (route.view) {
    case 'status':
    case 'contacts':
      return `#/${route.view}`;
    case 'finding':
    case 'alert':
      return `#/${route.view}/${route.id}`;
    case 'booklet':
      return route.id ? `#/booklet/${encodeURIComponent(route.id)}` : '#/booklet';
    case 'report':
      return route.kind ? `#/report/${route.kind}` : '#/report';
  }
}

export function sameRoute(a: Route, b: Route): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
