import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';
import { guardWebContents } from '../../src/main/security/web-contents-guards';
import { lockDownSession } from '../../src/main/security/session-policy';
import { isMailto } from '../../src/main/security/mailto';

/** A webContents that records its window-open handler and lets tests emit navigation events. */
class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => unknown) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
    this.openHandler = handler;
  }
  /** Emits a navigation-style event; returns whether it was prevented. */
  attempt(event: string, url: string): boolean {
    const e = { url, preventDefault: vi.fn() };
    this.emit(event, e);
    return e.preventDefault.mock.calls.length > 0;
  }
}

describe('webContents guards', () => {
  const contents = new FakeContents();
  guardWebContents(contents as unknown as WebContents);

  it('deny every new window', () => {
    expect(contents.openHandler!({ url: 'app://mamori/index.html' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it.each(['will-navigate', 'will-redirect'])('%s: stays on app://mamori, nowhere else', (event) => {
    expect(contents.attempt(event, 'app://mamori/index.html#/booklet')).toBe(false);
    for (const url of ['https://example.com/', 'http://mamori/', 'file:///etc/passwd', 'app://evil/', 'javascript:alert(1)', 'data:text/html,x']) {
      expect(contents.attempt(event, url), url).toBe(true);
    }
  });

  it('never attaches a <webview>', () => {
    expect(contents.attempt('will-attach-webview', 'app://mamori/index.html')).toBe(true);
  });
});

describe('session lock-down', () => {
  it('refuses every permission, device and download, and blocks remote and file requests but not app://', () => {
    const calls: Record<string, unknown[]> = {};
    const record = (name: string) => (...args: unknown[]) => void (calls[name] = args);
    const events = new EventEmitter();
    const session = {
      setPermissionRequestHandler: record('request'),
      setPermissionCheckHandler: record('check'),
      setDevicePermissionHandler: record('device'),
      webRequest: { onBeforeRequest: record('beforeRequest') },
      on: (event: string, listener: (...a: unknown[]) => void) => events.on(event, listener),
    };
    lockDownSession(session as unknown as Session);

    const granted: boolean[] = [];
    (calls.request![0] as (w: unknown, p: string, cb: (ok: boolean) => void) => void)(null, 'media', (ok) => granted.push(ok));
    expect(granted).toEqual([false]);
    expect((calls.check![0] as () => boolean)()).toBe(false);
    expect((calls.device![0] as () => boolean)()).toBe(false);

    const [filter, onBefore] = calls.beforeRequest as [{ urls: string[] }, (d: unknown, cb: (r: unknown) => void) => void];
    expect(filter.urls).toEqual(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'file://*/*']);
    expect(filter.urls.some((u) => u.startsWith('app:') || u === '<all_urls>')).toBe(false);
    const answers: unknown[] = [];
    onBefore({ url: 'https://example.com/' }, (r) => answers.push(r));
    expect(answers).toEqual([{ cancel: true }]);

    const download = { preventDefault: vi.fn() };
    events.emit('will-download', download);
    expect(download.preventDefault).toHaveBeenCalled();
  });
});

describe('external links', () => {
  it('only mailto: counts as a mail link', () => {
    expect(isMailto('mailto:csirt%40example.go.jp?subject=x')).toBe(true);
    for (const url of ['https://example.com', 'file:///C:/x.exe', 'javascript:alert(1)', 'MAILTO', 'ms-msdt:/id x']) expect(isMailto(url), url).toBe(false);
  });
});
