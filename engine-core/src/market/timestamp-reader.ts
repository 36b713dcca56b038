/** The unit of a timestamp column, detected from its magnitude. */
export type TimeUnit = 's' | 'ms' | 'us' | 'ns';

/** Powers of ten from the unit to milliseconds (`ms = value × 10^shift`). */
const SHIFT: Readonly<Record<TimeUnit, number>> = { s: 3, ms: 0, us: -3, ns: -6 };

/** Human name of each unit, for messages. */
const UNIT_NAME: Readonly<Record<TimeUnit, string>> = { s: 's', ms: 'ms', us: 'µs', ns: 'ns' };

/**
 * The unit of a timestamp with `digits` significant integer digits, for times after 1973:
 * up to 11 digits seconds (until year 5138), 12–14 milliseconds, 15–17 microseconds,
 * 18–20 nanoseconds; `undefined` beyond.
 */
export function unitOfDigits(digits: number): TimeUnit | undefined {
  if (digits <= 11) return 's';
  if (digits <= 14) return 'ms';
  if (digits <= 17) return 'us';
  if (digits <= 20) return 'ns';
  return undefined;
}

/** The display name of a unit (`'us'` → `'µs'`). */
export function timeUnitName(unit: TimeUnit): string {
  return UNIT_NAME[unit];
}

/**
 * Reads timestamp fields exactly, by digits: the unit comes from the magnitude and the value is
 * converted to integer milliseconds by moving the decimal point, never through a float, so a
 * 19-digit nanosecond time keeps all its digits. A time that is not a whole millisecond is
 * refused rather than rounded. After `read` returns true, `ms` and `unit` hold the result;
 * after false, `error` holds the reason. One instance per parser; it allocates only for errors.
 */
export class TimestampReader {
  /** The last time read, in Unix ms. */
  ms = 0;
  /** The unit of the last time read. */
  unit: TimeUnit = 'ms';
  /** Why the last `read` failed. */
  error = '';

  /** Reads `s[start, end)`; when `expected` is given, the unit must match it. */
  read(s: string, start: number, end: number, expected: TimeUnit | null): boolean {
    let i = start;
    if (i < end && s.charCodeAt(i) === 45 /* - */) return this._fail(s, start, end, 'is negative');
    if (i < end && s.charCodeAt(i) === 43 /* + */) i++;
    const digitsStart = i;
    while (i < end && s.charCodeAt(i) === 48 /* 0 */) i++;
    const intStart = i;
    // The integer value, exact while it has at most 15 digits (the fast path below needs no more).
    let acc = 0;
    for (; i < end; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      acc = acc * 10 + d;
    }
    const intEnd = i;
    let fracStart = i;
    let fracEnd = i;
    if (i < end && s.charCodeAt(i) === 46 /* . */) {
      fracStart = ++i;
      while (i < end && isDigit(s.charCodeAt(i))) i++;
      fracEnd = i;
    }
    const empty = intEnd === digitsStart && fracEnd === fracStart;
    if (i !== end || empty) return this._fail(s, start, end, 'is not a number', true);
    const intDigits = intEnd - intStart;
    const unit = unitOfDigits(intDigits);
    if (unit === undefined) return this._fail(s, start, end, 'has too many digits');
    if (expected !== null && unit !== expected) {
      const why = `looks like ${UNIT_NAME[unit]}, but the file's times are in ${UNIT_NAME[expected]}`;
      return this._fail(s, start, end, why);
    }
    if (fracEnd === fracStart && (unit === 'ms' || unit === 's')) {
      // Whole ms or s of at most 14 digits: exact as a double.
      this.ms = unit === 'ms' ? acc : acc * 1000;
      this.unit = unit;
      return true;
    }
    // The digits d[0..n) are the integer digits then the fraction digits; the value in ms is
    // d[0..p) with p = intDigits + shift (zeros past the end), and d[p..n) must all be zero.
    const fracDigits = fracEnd - fracStart;
    const n = intDigits + fracDigits;
    const p = intDigits + SHIFT[unit];
    let ms = 0;
    for (let k = 0; k < p; k++)
      ms = ms * 10 + (k < n ? digitAt(s, k, intStart, intDigits, fracStart) : 0);
    for (let k = Math.max(p, 0); k < n; k++) {
      if (digitAt(s, k, intStart, intDigits, fracStart) !== 0) {
        return this._fail(s, start, end, `${UNIT_NAME[unit]} is not a whole millisecond`);
      }
    }
    this.ms = ms;
    this.unit = unit;
    return true;
  }

  private _fail(s: string, start: number, end: number, why: string, quote = false): false {
    const text = s.slice(start, Math.min(end, start + 40));
    this.error = quote ? `time "${text}" ${why}` : `time ${text} ${why}`;
    return false;
  }
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Digit `k` of the combined integer-then-fraction digit sequence. */
function digitAt(
  s: string,
  k: number,
  intStart: number,
  intDigits: number,
  fracStart: number,
): number {
  return s.charCodeAt(k < intDigits ? intStart + k : fracStart + (k - intDigits)) - 48;
}
