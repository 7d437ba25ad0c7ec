import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { appFileFor, createAppProtocolHandler } from '../../src/main/protocol/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/csp';

const root = path.resolve('/srv/mamori/out/renderer');
const files: Record<string, string> = {
  [path.join(root, 'index.html')]: '<!doctype html>',
  [path.join(root, 'assets', 'index-Dx3_a9.js')]: 'console.log(1)',
};

function handler() {
  const readFile = vi.fn(async (file: string) => {
    if (!(file in files)) throw Object.assign(new Error(`ENOENT ${file}`), { code: 'ENOENT' });
    return new TextEncoder().encode(files[file]);
  });
  return { handle: createAppProtocolHandler(root, readFile), readFile };
}

describe('app:// protocol', () => {
  it('serves index.html and built assets with the strict CSP and a content type', async () => {
    const { handle } = handler();
    for (const [url, type] of [
      ['app://mamori/', 'text/html; charset=utf-8'],
      ['app://mamori/index.html#/status', 'text/html; charset=utf-8'],
      ['app://mamori/assets/index-Dx3_a9.js', 'text/javascript; charset=utf-8'],
    ]) {
      const response = await handle(new Request(url!));
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type')).toBe(type);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect(await (await handle(new Request('app://mamori/index.html'))).text()).toBe('<!doctype html>');
  });

  it('the CSP is the agreed one', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it.each([
    ['parent segments', 'app://mamori/../../../etc/passwd'],
    ['parent segments inside', 'app://mamori/assets/../../secret.json'],
    ['encoded dots', 'app://mamori/%2e%2e/%2e%2e/etc/passwd'],
    ['mixed encoded dots', 'app://mamori/.%2E/secret.json'],
    ['an encoded slash', 'app://mamori/..%2f..%2fetc%2fpasswd'],
    ['an encoded backslash', 'app://mamori/..%5c..%5cWindows%5cwin.ini'],
    ['a backslash', 'app://mamori/..\\..\\Windows\\win.ini'],
    ['an absolute path', 'app://mamori//etc/passwd'],
    ['an encoded absolute path', 'app://mamori/%2fetc%2fpasswd'],
    ['a drive letter', 'app://mamori/C:%5cWindows%5cwin.ini'],
    ['a NUL byte', 'app://mamori/index.html%00.png'],
    ['bad percent-encoding', 'app://mamori/%E0%A4%A.html'],
    ['a dot file', 'app://mamori/.env'],
    ['another host', 'app://evil/index.html'],
    ['a port', 'app://mamori:1234/index.html'],
    ['another scheme', 'file:///srv/mamori/out/renderer/index.html'],
    ['a type the renderer does not ship', 'app://mamori/assets/index-Dx3_a9.js.map'],
    ['a missing file', 'app://mamori/assets/nope.js'],
  ])('refuses %s with a bare 404 that still carries the CSP', async (_what, url) => {
    const { handle, readFile } = handler();
    const response = await handle(new Request(url));
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    // Whatever it was asked, it never reads outside the renderer folder.
    for (const [file] of readFile.mock.calls) expect(path.relative(root, file).startsWith('..')).toBe(false);
  });

  it('never resolves a file outside root, whatever the URL', () => {
    for (const url of ['app://mamori/../x.html', 'app://mamori/%2e%2e/x.html', 'app://mamori/a/%2e%2e/%2e%2e/x.html']) {
      const file = appFileFor(root, url);
      if (file !== null) expect(path.relative(root, file).startsWith('..'), url).toBe(false);
    }
  });

  it('answers only GET and HEAD', async () => {
    const { handle } = handler();
    expect((await handle(new Request('app://mamori/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
    const head = await handle(new Request('app://mamori/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
