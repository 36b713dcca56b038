import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ema } from './ema';

const feed = (e: Ema, xs: readonly number[]) => xs.map((x) => e.update(x));

describe('Ema', () => {
  it('is seeded with the SMA of the first period values (hand-computed)', () => {
    // alpha = 2 / (3 + 1) = 0.5; seed (1 + 2 + 3) / 3 = 2; then 4·0.5 + 2·0.5 = 3, 5·0.5 + 3·0.5 = 4
    expect(feed(new Ema(3), [1, 2, 3, 4, 5])).toEqual([Number.NaN, Number.NaN, 2, 3, 4]);
  });

  it("with seed 'first' starts from the first value, reported from the period-th (hand-computed)", () => {
    // 1 → 1.5 → 2.25 → 3.125 → 4.0625
    const e = new Ema(3, { seed: 'first' });
    expect(e.seed).toBe('first');
    expect(feed(e, [1, 2, 3, 4, 5])).toEqual([Number.NaN, Number.NaN, 2.25, 3.125, 4.0625]);
  });

  it('equals the closed form seed·(1−α)^k + Σ α(1−α)^(t−j)·x_j', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { maxLength: 40 }),
        (p, xs) => {
          const out = feed(new Ema(p), xs);
          const a = 2 / (p + 1);
          for (let t = p - 1; t < xs.length; t++) {
            const seed = xs.slice(0, p).reduce((s, x) => s + x, 0) / p;
            let want = seed * (1 - a) ** (t - p + 1);
            for (let j = p; j <= t; j++) want += a * (1 - a) ** (t - j) * (xs[j] as number);
            expect(Math.abs((out[t] as number) - want)).toBeLessThanOrEqual(
              1e-9 * (1 + Math.abs(want)),
            );
          }
        },
      ),
    );
  });

  it('constant input gives the constant; period 1 gives the input', () => {
    for (const seed of ['sma', 'first'] as const) {
      const out = feed(new Ema(10, { seed }), Array(50).fill(42_123.25));
      for (const v of out.slice(9)) expect(v).toBeCloseTo(42_123.25, 9);
      expect(feed(new Ema(1, { seed }), [3, -1, 7.5])).toEqual([3, -1, 7.5]);
    }
  });

  it('reset() forgets everything', () => {
    const e = new Ema(2);
    feed(e, [10, 20, 30]);
    e.reset();
    expect(e.value).toBeNaN();
    expect(feed(e, [1, 3])).toEqual([Number.NaN, 2]);
  });

  it('rejects a period that is not an integer ≥ 1', () => {
    for (const p of [0, 2.5, Number.POSITIVE_INFINITY])
      expect(() => new Ema(p)).toThrow(RangeError);
  });
});
