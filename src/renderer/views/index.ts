import type { View, ViewContext } from '../context';
import type { Route } from '../router';
import { alertView } from './alert';
import { bookletView } from './booklet';
import { contactsView } from './contacts';
import { findingView } from './finding';
import { reportView } from './report';
import { statusView } from './status';
import { notFoundView } from './system';

export function viewFor(ctx: ViewContext, route: Route): View {
  switch (route.view) {
    case 'status':
      return statusView(ctx);
    case 'finding':
      return findingView(ctx, route.id);
    case 'alert':
      return alertView(ctx, route.id);
    case 'booklet':
      return bookletView(ctx, route.id);
    case 'contacts':
      return contactsView(ctx);
    case 'report':
      return reportView(ctx, route.kind);
    case 'not-found':
      return notFoundView(ctx);
  }
}
