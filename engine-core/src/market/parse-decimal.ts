/** Exact powers of ten as doubles (10^0 … 10^22 are all representable). */
const POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => 10 ** k);

const MAX_EXACT = 2 ** 53;

/**
 * Parses the decimal number in `s[start, end)` without allocating: `[+-]digits[.digits]`, and
 * exponents (`1e-8`) through a slower path. Returns `NaN` when the text is not such a number
 * (empty, letters, two dots, `Infinity`, hex …). The result is the same double as `Number(text)`:
 * with at most 15–16 significant digits the mantissa and the power of ten are both exact, so the
 * one division is correctly rounded; longer mantissas take the `Number` path.
 */
export function parseDecimal(s: string, start: number, end: number): number {
  let i = start;
  let negative = false;
  if (i < end) {
    const c = s.charCodeAt(i);
    if (c === 45 /* - */) {
      negative = true;
      i++;
    } else if (c === 43 /* + */) {
      i++;
    }
  }
  let mantissa = 0;
  const intStart = i;
  for (; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    mantissa = mantissa * 10 + d;
  }
  let digits = i - intStart;
  let fraction = 0;
  if (i < end && s.charCodeAt(i) === 46 /* . */) {
    const fracStart = ++i;
    for (; i < end; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      mantissa = mantissa * 10 + d;
    }
    fraction = i - fracStart;
    digits += fraction;
  }
  if (digits === 0) return Number.NaN;
  if (i !== end) {
    const c = s.charCodeAt(i);
    return c === 101 /* e */ || c === 69 /* E */ ? parseWithExponent(s, start, end) : Number.NaN;
  }
  if (mantissa >= MAX_EXACT || fraction >= POW10.length) return slowParse(s, start, end);
  const value = fraction === 0 ? mantissa : mantissa / (POW10[fraction] as number);
  return negative ? -value : value;
}

/** `Number` on the text, which the caller has checked holds only a sign, digits and a dot. */
function slowParse(s: string, start: number, end: number): number {
  return Number(s.slice(start, end));
}

/** `[+-]digits[.digits](e|E)[+-]digits`, checked by hand (Number() would accept more). */
function parseWithExponent(s: string, start: number, end: number): number {
  let i = start;
  const c0 = s.charCodeAt(i);
  if (c0 === 45 || c0 === 43) i++;
  let mantissaDigits = 0;
  let dot = false;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) mantissaDigits++;
    else if (c === 46 && !dot) dot = true;
    else break;
  }
  if (mantissaDigits === 0 || i >= end) return Number.NaN;
  i++; // the e
  const c1 = s.charCodeAt(i);
  if (c1 === 45 || c1 === 43) i++;
  if (i >= end) return Number.NaN;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return Number.NaN;
  }
  return Number(s.slice(start, end));
}
