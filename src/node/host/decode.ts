const utf8 = new TextDecoder('utf-8', { fatal: true });
/** Made on first use: its ICU converter tables add about 0.5 MB of resident memory, and only Windows needs them. */
let cp932: InstanceType<typeof TextDecoder> | undefined;

/**
 * Text of a command's output. UTF-8 when the bytes are valid UTF-8 (Linux, macOS, Windows with a
 * UTF-8 console), else CP932, the console code page of Japanese Windows. A UTF-8 BOM is dropped;
 * line endings are left as they are (parsers split on /\r?\n/).
 */
export function decodeText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    cp932 ??= new TextDecoder('shift_jis');
    return cp932.decode(bytes);
  }
}

export const encodeText = (text: string): Uint8Array => new TextEncoder().encode(text);
