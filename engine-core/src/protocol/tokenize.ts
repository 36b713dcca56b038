/** True for the ASCII whitespace that separates tokens: space, tab, LF, VT, FF, CR. */
export function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

/**
 * Splits a text command on ASCII whitespace. Runs of whitespace count as one separator, and
 * leading or trailing whitespace yields no empty tokens. Other characters (Unicode spaces
 * included) stay inside tokens.
 */
export function tokenize(line: string): string[] {
  const tokens: string[] = [];
  const n = line.length;
  let start = -1;
  for (let i = 0; i < n; i++) {
    if (isSpace(line.charCodeAt(i))) {
      if (start >= 0) {
        tokens.push(line.slice(start, i));
        start = -1;
      }
    } else if (start < 0) {
      start = i;
    }
  }
  if (start >= 0) tokens.push(line.slice(start));
  return tokens;
}

/** Index of the first non-whitespace character, or the length when there is none. */
export function firstNonSpace(line: string): number {
  const n = line.length;
  let i = 0;
  while (i < n && isSpace(line.charCodeAt(i))) i++;
  return i;
}

/** UTF-8 byte length of a string (a lone surrogate counts as the 3 bytes of U+FFFD). */
export function utf8Length(s: string): number {
  let bytes = 0;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
