import path from 'node:path';
import { APP_HOST, APP_SCHEME } from '../app/app-url';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

/** The file types the renderer build produces; anything else is not served. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * One path segment as a bundler names files (index.html, assets/index-Dx3_a9.js). Anything else,
 * and in particular '.', '..', empty segments (//), and decoded '/', '\', ':' or NUL, is refused
 * rather than interpreted.
 */
const SAFE_SEGMENT = /^(?!\.{1,2}$)[A-Za-z0-9._-]+$/;

/**
 * The file under `root` an app://mamori URL names, or null when it names none: wrong scheme or
 * host, a segment that is not plainly a file name (after percent-decoding, so %2e%2e and %5c are
 * caught too), a path that would leave root, or a type the renderer does not ship.
 */
export function appFileFor(root: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST || parsed.username || parsed.password) return null;
  const segments: string[] = [];
  for (const raw of (parsed.pathname === '/' ? '/index.html' : parsed.pathname).slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (!SAFE_SEGMENT.test(segment)) return null;
    segments.push(segment);
  }
  const file = path.resolve(root, ...segments);
  // Belt and braces: the segment rule already makes escaping impossible.
  const relative = path.relative(path.resolve(root), file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return Object.hasOwn(CONTENT_TYPES, path.extname(file)) ? file : null;
}

/** Headers on every answer, errors included. */
function headers(contentType?: string): Headers {
  const h = new Headers({
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  if (contentType) h.set('Content-Type', contentType);
  return h;
}

const refuse = (status: 404 | 405): Response => new Response(null, { status, headers: headers() });

/**
 * The app:// protocol handler: GET (and HEAD) of the renderer's built files under `root`, with the
 * strict CSP. Pure apart from `readFile`, so path handling is tested without Electron. Refusals say
 * nothing about why or where.
 */
export function createAppProtocolHandler(root: string, readFile: (file: string) => Promise<Uint8Array>): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
    const file = appFileFor(root, request.url);
    if (file === null) return refuse(404);
    let body: Uint8Array;
    try {
      body = await readFile(file);
    } catch {
      return refuse(404);
    }
    const type = CONTENT_TYPES[path.extname(file)];
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: headers(type) });
  };
}
