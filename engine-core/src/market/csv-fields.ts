/** Fields whose bounds are kept per line: 12 for Binance's layout, plus one to notice a 13th. */
export const MAX_FIELDS = 13;

const isSpace = (c: number): boolean => c === 32 || c === 9;

/** True when `s[start, end)` holds only spaces and tabs. */
export function isBlank(s: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isSpace(s.charCodeAt(i))) return false;
  return true;
}

/**
 * Splits the line `s[start, end)` on commas, writing the bounds of the first `MAX_FIELDS` fields
 * into `starts`/`ends` (spaces, tabs and one pair of double quotes around a field are trimmed;
 * quoted commas are not supported: candle files have none). Returns the number of fields, all
 * counted. Allocates nothing.
 */
export function splitFields(
  s: string,
  start: number,
  end: number,
  starts: Int32Array,
  ends: Int32Array,
): number {
  let n = 0;
  let p = start;
  for (;;) {
    let q = s.indexOf(',', p);
    if (q < 0 || q > end) q = end;
    if (n < MAX_FIELDS) {
      let a = p;
      let b = q;
      if (b > a && (s.charCodeAt(a) <= 34 || s.charCodeAt(b - 1) <= 34)) {
        while (a < b && isSpace(s.charCodeAt(a))) a++;
        while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
        if (b - a >= 2 && s.charCodeAt(a) === 34 && s.charCodeAt(b - 1) === 34) {
          a++;
          b--;
        }
      }
      starts[n] = a;
      ends[n] = b;
    }
    n++;
    if (q === end) return n;
    p = q + 1;
  }
}
