/**
 * The lines of a tool's output. Splits on LF and drops a CR before it, so CRLF output (a bundle
 * edited on Windows, a tool run through a pty) parses like LF output; the empty string after the
 * final newline is not a line.
 */
export function outputLines(text: string): string[] {
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** The first non-blank line, shortened, for an `unknown` detail that tells an administrator what the tool said. */
export function firstLineOf(text: string): string {
  return (outputLines(text).find((line) => line.trim() !== '') ?? '').trim().slice(0, 200);
}
