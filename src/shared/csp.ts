/**
 * The Content-Security-Policy of every response the app:// protocol serves: Mamori's own files only,
 * no inline script or style, no plugins, no <base>, no form posts, and no framing by anything.
 * img-src allows data: for the small inline images a bundler emits. index.html repeats it in a meta
 * tag (without frame-ancestors, which browsers ignore there); a renderer test checks they agree.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
