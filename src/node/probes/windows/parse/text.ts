/** Lines of console output: Windows tools write CRLF; a bundle edited elsewhere may hold LF. No trailing empty line. */
export function outputLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** The first non-blank line, shortened, for an `unknown` detail that tells an administrator what the tool said. */
export function firstLineOf(text: string): string {
  return (outputLines(text).find((line) => line.trim() !== '') ?? '').trim().slice(0, 200);
}
