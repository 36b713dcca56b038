import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimal } from './parse-decimal';
import { TimestampReader, unitOfDigits } from './timestamp-reader';

const p = (s: string): number => parseDecimal(s, 0, s.length);

describe('parseDecimal', () => {
  it('gives exactly what Number gives on decimal text', () => {
    for (const s of [
      '0',
      '-0',
      '1',
      '+2.5',
      '57953.86000000',
      '0.00000001',
      '1e-8',
      '2.5E+3',
      '.5',
      '5.',
    ]) {
      expect(Object.is(p(s), Number(s))).toBe(true);
    }
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 20n }),
        fc.integer({ min: 0, max: 24 }),
        fc.boolean(),
        (mantissa, scale, negative) => {
          const digits = mantissa.toString().padStart(scale + 1, '0');
          const text = `${negative ? '-' : ''}${digits.slice(0, digits.length - scale)}${scale > 0 ? '.' : ''}${digits.slice(digits.length - scale)}`;
          expect(Object.is(p(text), Number(text))).toBe(true);
        },
      ),
      { seed: 11, numRuns: 20_000 },
    );
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const text = String(x);
        expect(Object.is(p(text), Number(text))).toBe(true);
      }),
      { seed: 12, numRuns: 5_000 },
    );
  });

  it('refuses what is not a decimal number', () => {
    for (const s of [
      '',
      '-',
      '+',
      '.',
      'abc',
      '1.2.3',
      '0x10',
      'Infinity',
      'NaN',
      '1e',
      '1e+',
      'e5',
      '1,5',
      '1 2',
      '--1',
      '1-2',
    ]) {
      expect(p(s)).toBeNaN();
    }
  });

  it('reads a range inside a longer string', () => {
    expect(parseDecimal('a,12.5,b', 2, 6)).toBe(12.5);
  });
});

describe('TimestampReader', () => {
  const read = (s: string, expected: 's' | 'ms' | 'us' | 'ns' | null = null) => {
    const r = new TimestampReader();
    return r.read(s, 0, s.length, expected) ? { ms: r.ms, unit: r.unit } : { error: r.error };
  };

  it('detects the unit by magnitude and converts exactly', () => {
    expect(read('1640991660')).toEqual({ ms: 1640991660000, unit: 's' });
    expect(read('1640991660000')).toEqual({ ms: 1640991660000, unit: 'ms' });
    expect(read('1640991660000000')).toEqual({ ms: 1640991660000, unit: 'us' });
    expect(read('1640991660000000000')).toEqual({ ms: 1640991660000, unit: 'ns' });
    expect(read('1640991660.5')).toEqual({ ms: 1640991660500, unit: 's' });
    expect(read('1640991660000.000')).toEqual({ ms: 1640991660000, unit: 'ms' });
    expect(read('0')).toEqual({ ms: 0, unit: 's' });
    // Number('1640991660002000000') / 1e6 is 1640991660001.9998; digits are exact.
    expect(read('1640991660002000000')).toEqual({ ms: 1640991660002, unit: 'ns' });
    expect([11, 12, 14, 15, 17, 18, 20, 21].map(unitOfDigits)).toEqual([
      's',
      'ms',
      'ms',
      'us',
      'us',
      'ns',
      'ns',
      undefined,
    ]);
  });

  it('refuses times that are not whole ms, negative, malformed, or in another unit', () => {
    // Math.floor(Number(…) / 1e6) would give …001 here; it is refused instead.
    expect(read('1640991660000999999')).toEqual({
      error: 'time 1640991660000999999 ns is not a whole millisecond',
    });
    expect(read('1640991660000000001')).toEqual({
      error: 'time 1640991660000000001 ns is not a whole millisecond',
    });
    expect(read('1640991660000123')).toEqual({
      error: 'time 1640991660000123 µs is not a whole millisecond',
    });
    expect(read('1640991660.0001')).toEqual({
      error: 'time 1640991660.0001 s is not a whole millisecond',
    });
    expect(read('-5')).toEqual({ error: 'time -5 is negative' });
    expect(read('12a')).toEqual({ error: 'time "12a" is not a number' });
    expect(read('')).toEqual({ error: 'time "" is not a number' });
    expect(read('+')).toEqual({ error: 'time "+" is not a number' });
    expect(read('1e12')).toEqual({ error: 'time "1e12" is not a number' });
    expect(read('1234567890123456789012')).toEqual({
      error: 'time 1234567890123456789012 has too many digits',
    });
    expect(read('1640991660', 'ms')).toEqual({
      error: "time 1640991660 looks like s, but the file's times are in ms",
    });
  });
});
