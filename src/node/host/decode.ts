const utf8 = new TextDecoder('utf-8', { fatal: true });
const cp932 = new TextDecoder('shift_jis');

/**
 * Text of a command's output. UTF-8 when the bytes are valid UTF-8 (Linux, macOS, Windows with a
 * UTF-8 console), else CP932, the console code page of Japanese Windows. A UTF-8 BOM is dropped;
 * line endings are left as they are (parsers split on /\r?\n/).
 */
export function decodeText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return cp932.decode(bytes);
  }
}

export const encodeText = (text: string): Uint8Array => new TextEncoder().encode(text);
