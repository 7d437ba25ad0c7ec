/**
 * The windows load Mamori's own files from a custom scheme (app://mamori/…) instead of file://, so
 * that they have a real origin ('self' in the CSP), no file-system reach, and one URL shape that
 * navigation guards and the IPC sender check can compare against.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'mamori';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Whether a URL is one of Mamori's own pages (compares protocol and host: URL.origin is 'null' for custom schemes). */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // host (not hostname) so that an explicit port fails; credentials never appear in our own URLs.
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}
