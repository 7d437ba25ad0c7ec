import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../../src/node/host/decode';
import { encodeCp932 } from './support/cp932';

// The test encoder must produce the bytes a Japanese console writes, or the CP932 tests prove nothing.
describe('CP932 test encoder', () => {
  it('writes the Shift_JIS bytes of known characters', () => {
    expect([...encodeCp932('接続')]).toEqual([0x90, 0xda, 0x91, 0xb1]);
    expect([...encodeCp932('A\\ｱ')]).toEqual([0x41, 0x5c, 0xb1]);
  });

  it('round-trips through the probes’ decoder, and the bytes are not valid UTF-8', () => {
    const text = 'エラー: 指定されたレジストリ キーまたは値が見つかりませんでした。\r\n';
    const bytes = encodeCp932(text);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(decodeText(bytes)).toBe(text);
  });

  it('refuses characters CP932 cannot hold', () => {
    expect(() => encodeCp932('한국어')).toThrow(/not encodable in CP932: U\+D55C/);
  });
});
