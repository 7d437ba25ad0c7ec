import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readSecretLine } from '../../../src/node/cli/secret-input';

/** A terminal as the reader sees it: raw mode switches recorded, what is written to it kept. */
function terminal() {
  const input = Object.assign(new PassThrough(), { isTTY: true, rawModes: [] as boolean[], setRawMode(raw: boolean) { this.rawModes.push(raw); } });
  const output = new PassThrough();
  let written = '';
  output.on('data', (d: Buffer) => (written += d.toString('utf8')));
  return { input, output, written: () => written };
}

describe('reading a secret line', () => {
  it('at a terminal: prompts on the output, echoes nothing, honours backspace, and restores the terminal', async () => {
    const t = terminal();
    const read = readSecretLine('解除コード: ', t);
    t.input.write('KAKU-2025');
    t.input.write('\u007f6\r');
    await expect(read).resolves.toBe('KAKU-2026');
    expect(t.written()).toBe('解除コード: \n');
    expect(t.input.rawModes).toEqual([true, false]);
  });

  it('at a terminal: full-width input from the IME is kept as typed (the helper normalises it); Ctrl-C gives nothing', async () => {
    const t = terminal();
    const read = readSecretLine('> ', t);
    t.input.write('ＫＡＫＵ－２０２６\r');
    await expect(read).resolves.toBe('ＫＡＫＵ－２０２６');
    const c = terminal();
    const cancelled = readSecretLine('> ', c);
    c.input.write('KAKU\u0003');
    await expect(cancelled).resolves.toBe('');
    expect(c.input.rawModes).toEqual([true, false]);
  });

  it('from a pipe: the first line, without its line ending; the whole input when it has none', async () => {
    for (const [text, line] of [['KAKU-2026\nrest\n', 'KAKU-2026'], ['KAKU-2026\r\n', 'KAKU-2026'], ['KAKU-2026', 'KAKU-2026'], ['', '']]) {
      const input = new PassThrough();
      const read = readSecretLine('never shown', { input, output: new PassThrough() });
      input.end(text);
      await expect(read).resolves.toBe(line);
    }
  });
});
