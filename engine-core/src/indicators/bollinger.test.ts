import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Bollinger } from './bollinger';

/** Two-pass mean and population σ of a window. */
function naive(xs: readonly number[]): { mean: number; sd: number } {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const m2 = xs.reduce((s, x) => s + (x - mean) ** 2, 0);
  return { mean, sd: Math.sqrt(m2 / xs.length) };
}

describe('Bollinger', () => {
  it('uses the population standard deviation (hand-computed)', () => {
    const b = new Bollinger(3, 2);
    expect(b.update(1)).toBeNaN();
    expect(b.update(2)).toBeNaN();
    expect([b.middle, b.upper, b.lower, b.stddev]).toEqual([NaN, NaN, NaN, NaN]);
    // [1, 2, 3]: mean 2, σ² = (1 + 0 + 1) / 3 (the sample variance would be 1)
    expect(b.update(3)).toBe(2);
    expect(b.stddev).toBeCloseTo(Math.sqrt(2 / 3), 14);
    expect(b.upper).toBeCloseTo(2 + 2 * Math.sqrt(2 / 3), 14);
    expect(b.lower).toBeCloseTo(2 - 2 * Math.sqrt(2 / 3), 14);
    // [3, 4, 8]: mean 5, σ² = (4 + 1 + 9) / 3
    b.update(4);
    expect(b.update(8)).toBe(5);
    expect(b.stddev).toBeCloseTo(Math.sqrt(14 / 3), 14);
    expect(b.upper - b.middle).toBeCloseTo(2 * Math.sqrt(14 / 3), 13);
  });

  it('k scales the bands', () => {
    const b = new Bollinger(2, 1.5);
    b.update(10);
    b.update(14); // mean 12, σ 2
    expect([b.lower, b.middle, b.upper]).toEqual([9, 12, 15]);
  });

  it('constant input gives σ = 0 and bands on the constant; period 1 gives the input', () => {
    const b = new Bollinger(5);
    for (let i = 0; i < 30; i++) b.update(30_123.45);
    expect([b.lower, b.middle, b.upper, b.stddev]).toEqual([30_123.45, 30_123.45, 30_123.45, 0]);
    const one = new Bollinger(1);
    for (const x of [3, -2, 8.5]) {
      expect(one.update(x)).toBe(x);
      expect([one.lower, one.upper, one.stddev]).toEqual([x, x, 0]);
    }
  });

  it('equals a two-pass computation of each window', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.integer({ min: -4000, max: 4000 }), { maxLength: 80 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (p, ks, offset) => {
          const xs = ks.map((k) => offset + k / 16);
          const b = new Bollinger(p, 2);
          xs.forEach((x, i) => {
            const m = b.update(x);
            if (i < p - 1) {
              expect(m).toBeNaN();
              return;
            }
            const want = naive(xs.slice(i + 1 - p, i + 1));
            const tol = 1e-9 * (1 + Math.abs(want.mean));
            expect(Math.abs(m - want.mean)).toBeLessThanOrEqual(tol);
            expect(Math.abs(b.stddev - want.sd)).toBeLessThanOrEqual(tol);
            expect(Math.abs(b.upper - (want.mean + 2 * want.sd))).toBeLessThanOrEqual(3 * tol);
          });
        },
      ),
    );
  });

  it('does not drift over a long series at a high price level', () => {
    const p = 20;
    const b = new Bollinger(p);
    const xs: number[] = [];
    for (let i = 0; i < 200_000; i++) xs.push(60_000 + Math.sin(i * 0.37) * 3 + (i % 7) * 0.01);
    for (const x of xs) b.update(x);
    const want = naive(xs.slice(-p));
    expect(Math.abs(b.stddev - want.sd) / want.sd).toBeLessThan(1e-9);
  });

  it('reset() forgets everything', () => {
    const b = new Bollinger(2);
    b.update(100);
    b.update(300);
    b.reset();
    expect([b.middle, b.upper, b.lower, b.stddev]).toEqual([NaN, NaN, NaN, NaN]);
    expect(b.update(1)).toBeNaN();
    expect(b.update(3)).toBe(2);
    expect(b.stddev).toBe(1);
  });

  it('rejects a bad period or k', () => {
    expect(() => new Bollinger(0)).toThrow(RangeError);
    expect(() => new Bollinger(20, -1)).toThrow(RangeError);
    expect(() => new Bollinger(20, Number.NaN)).toThrow(RangeError);
  });
});
