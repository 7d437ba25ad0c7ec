import { APP_ORIGIN } from '../app/app-url';

/**
 * The renderer's pages, as hash routes of the one index.html (the renderer's router must know the
 * same ones). A finding id is [a-z0-9-]+/[0-9a-f]{16}: safe in a fragment as it is.
 */
export type Route = '#/status' | '#/booklet' | '#/contacts' | '#/report' | `#/alert/${string}`;

export const ROUTES = {
  status: '#/status',
  booklet: '#/booklet',
  contacts: '#/contacts',
  report: '#/report',
  alert: (findingId: string): Route => `#/alert/${findingId}`,
} as const;

export const pageUrl = (route: Route): string => `${APP_ORIGIN}/index.html${route}`;
