import { describe, expect, it } from 'vitest';
import { isTrustedSender, type InvokeSender } from '../../src/main/ipc/sender-check';
import { isAppUrl } from '../../src/main/app/app-url';

const TRUSTED_ID = 7;
const trusted = new Set([TRUSTED_ID]);
const event = (url: string, { id = TRUSTED_ID, parent = null as unknown } = {}): InvokeSender => ({
  sender: { id },
  senderFrame: { url, parent },
});

describe('IPC sender check', () => {
  it('accepts the top frame of a Mamori window showing app://mamori', () => {
    expect(isTrustedSender(event('app://mamori/index.html#/status'), trusted)).toBe(true);
    expect(isTrustedSender(event('app://mamori/index.html#/alert/usb-unapproved-device/0123456789abcdef'), trusted)).toBe(true);
  });

  it.each([
    ['another host', 'app://evil/index.html'],
    ['a host that merely starts with mamori', 'app://mamori.evil/index.html'],
    ['a port', 'app://mamori:8080/index.html'],
    ['credentials', 'app://user@mamori/index.html'],
    ['https', 'https://mamori/index.html'],
    ['http', 'http://mamori/index.html'],
    ['file', 'file:///C:/mamori/index.html'],
    ['data', 'data:text/html,<script>1</script>'],
    ['about:blank', 'about:blank'],
    ['an unparseable URL', 'not a url'],
  ])('rejects %s', (_what, url) => {
    expect(isTrustedSender(event(url), trusted)).toBe(false);
  });

  it('rejects a subframe, even of a trusted window', () => {
    expect(isTrustedSender(event('app://mamori/index.html', { parent: { url: 'app://mamori/index.html' } }), trusted)).toBe(false);
  });

  it('rejects a webContents Mamori did not register', () => {
    expect(isTrustedSender(event('app://mamori/index.html', { id: 8 }), trusted)).toBe(false);
  });

  it('rejects a frame that is gone (null, or throwing when read)', () => {
    expect(isTrustedSender({ sender: { id: TRUSTED_ID }, senderFrame: null }, trusted)).toBe(false);
    const disposed = {
      sender: { id: TRUSTED_ID },
      get senderFrame(): never {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    expect(isTrustedSender(disposed, trusted)).toBe(false);
  });

  it('isAppUrl is the same rule the navigation guard uses', () => {
    expect(isAppUrl('app://mamori/index.html#/booklet')).toBe(true);
    // Chromium hands main canonical (lower-case) URLs; any other spelling is simply refused.
    expect(isAppUrl('app://MAMORI/index.html')).toBe(false);
    expect(isAppUrl('app://mamori.example/index.html')).toBe(false);
  });
});
