import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RangeExtremes, rangeIndexLength } from './range-extremes';

/** The plain way: read every value. */
function plain(values: ArrayLike<number>, from: number, to: number, kind: 'max' | 'min'): number {
  let best = Number.NaN;
  for (let i = from; i < to; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) continue;
    if (Number.isNaN(best) || (kind === 'max' ? v > best : v < best)) best = v;
  }
  return best;
}

describe('RangeExtremes', () => {
  it('equals reading every value, for any range (seeded fuzz)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.double({ min: -1e9, max: 1e9, noNaN: true }),
            fc.constantFrom(Number.NaN, 0, -0, 1),
          ),
          { maxLength: 700 },
        ),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom<'max' | 'min'>('max', 'min'),
        (xs, u, w, kind) => {
          const values = Float64Array.from(xs);
          const from = Math.floor(u * values.length);
          const to = Math.min(values.length, from + Math.ceil(w * (values.length - from + 1)));
          const got = new RangeExtremes(values, kind).query(from, to);
          expect(got).toBe(plain(values, from, to, kind));
        },
      ),
      { seed: 2_025_1125, numRuns: 500 },
    );
  });

  it('answers every range of a long column, including the whole of it', () => {
    const n = 5_000;
    const values = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 0.37) * (i % 101));
    const max = new RangeExtremes(values, 'max');
    const min = new RangeExtremes(values, 'min');
    expect(max.query(0, n)).toBe(plain(values, 0, n, 'max'));
    expect(min.query(0, n)).toBe(plain(values, 0, n, 'min'));
    for (let from = 0; from < n; from += 97)
      for (let to = from; to <= n; to += 211) {
        expect(max.query(from, to)).toBe(plain(values, from, to, 'max'));
        expect(min.query(from, to)).toBe(plain(values, from, to, 'min'));
      }
    expect(Number.isNaN(max.query(10, 10))).toBe(true);
  });

  it('wraps an index built elsewhere (handed over as one array), and refuses a wrong one', () => {
    const values = Float64Array.from({ length: 1_000 }, (_, i) => (i * 7919) % 1_009);
    const built = new RangeExtremes(values, 'min');
    expect(built.packed).toHaveLength(rangeIndexLength(1_000));
    const wrapped = new RangeExtremes(values, 'min', built.packed.slice());
    for (const [a, b] of [
      [0, 1_000],
      [17, 999],
      [256, 512],
      [3, 40],
    ] as const)
      expect(wrapped.query(a, b)).toBe(plain(values, a, b, 'min'));
    expect(() => new RangeExtremes(values, 'min', new Float64Array(3))).toThrow(
      'range index of 3 numbers for 1000 values (',
    );
  });
});
