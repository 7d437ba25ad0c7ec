/**
 * Names are compared width- and case-insensitively: ＭＩＣＲＯＳＯＦＴ and microsoft are the same publisher.
 * ASCII is already in NFKC form, so it skips the (costly) normalisation.
 */
export const fold = (s: string): string => (/^[\x00-\x7f]*$/.test(s) ? s : s.normalize('NFKC')).toLowerCase();

/** A compiled glob (`*` any run, `?` one character) over folded text. */
export function globToRegExp(glob: string): RegExp {
  const body = fold(glob).replace(/[.+^${}()|[\]\\*?]/g, (c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : `\\${c}`));
  return new RegExp(`^${body}$`);
}

/** The longest run of literal characters in a glob: used to index rules so matching stays linear. */
export function longestLiteral(glob: string): string {
  return fold(glob)
    .split(/[*?]/)
    .reduce((best, part) => (part.length > best.length ? part : best), '');
}
