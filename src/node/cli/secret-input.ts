/**
 * One line of standard input holding a secret (the isolation release code). Never an argument:
 * the command line of every process is visible to every user (`ps`, /proc/<pid>/cmdline).
 * At a terminal the prompt goes to stderr and what is typed is not echoed (so it is neither on the
 * screen nor in the scrollback); from a pipe or a file, the first line is read.
 */

/** The streams read and written; process.stdin and process.stderr unless a test passes its own. */
export interface SecretStreams {
  input: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  output: NodeJS.WritableStream;
}

/** Far beyond any release code: more than this is not a code, and is not kept in memory. */
const MAX_CHARS = 1024;

const ENTER = new Set(['\r', '\n', '\u0004']); // Enter, or Ctrl-D
const CANCEL = '\u0003'; // Ctrl-C: raw mode turns it into a character instead of SIGINT
const ERASE = new Set(['\u007f', '\b']);

export function readSecretLine(prompt: string, streams: SecretStreams = { input: process.stdin, output: process.stderr }): Promise<string> {
  return streams.input.isTTY && streams.input.setRawMode ? readTyped(prompt, streams) : readPiped(streams.input);
}

/** Typed at a terminal, without echo. Ctrl-C gives an empty answer (the caller says no code was given). */
function readTyped(prompt: string, { input, output }: SecretStreams): Promise<string> {
  output.write(prompt);
  input.setRawMode!(true);
  input.setEncoding('utf8');
  return new Promise((resolve) => {
    let typed = '';
    const finish = (value: string) => {
      input.off('data', onData);
      input.setRawMode!(false);
      input.pause();
      output.write('\n');
      resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ENTER.has(ch)) return finish(typed);
        if (ch === CANCEL) return finish('');
        if (ERASE.has(ch)) typed = [...typed].slice(0, -1).join('');
        // Other control characters (arrows and the like arrive as escape sequences) are not part of a code.
        else if (ch >= ' ' && typed.length < MAX_CHARS) typed += ch;
      }
    };
    input.on('data', onData);
    input.resume();
  });
}

/** The first line of a pipe or file, without its line ending. */
function readPiped(input: SecretStreams['input']): Promise<string> {
  input.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let text = '';
    const done = () => {
      input.off('data', onData);
      input.off('end', done);
      input.off('error', reject);
      input.pause();
      resolve(text.split(/\r?\n/)[0]!.slice(0, MAX_CHARS));
    };
    const onData = (chunk: string) => {
      text += chunk;
      if (text.includes('\n') || text.length > MAX_CHARS) done();
    };
    input.on('data', onData);
    input.on('end', done);
    input.on('error', reject);
    input.resume();
  });
}
