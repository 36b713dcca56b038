import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Donchian } from './donchian';

describe('Donchian', () => {
  it('takes the highest high and lowest low of the last period bars (hand-computed)', () => {
    const d = new Donchian(3);
    const highs = [5, 7, 6, 4, 3];
    const lows = [1, 2, 3, 2, 1];
    const rows = highs.map((h, i) => [d.update(h, lows[i] as number), d.upper, d.lower, d.middle]);
    expect(rows).toEqual([
      [NaN, NaN, NaN, NaN],
      [NaN, NaN, NaN, NaN],
      [4, 7, 1, 4],
      [4.5, 7, 2, 4.5], // highs 7 6 4, lows 2 3 2
      [3.5, 6, 1, 3.5], // highs 6 4 3, lows 3 2 1: the 7 has left the window
    ]);
  });

  it('equals a naive max/min over each window (ties, trends, any period)', () => {
    const bars = fc.array(
      fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 5 })),
      { maxLength: 120 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 15 }), bars, fc.boolean(), (p, raw, trend) => {
        // few distinct values make ties common; `trend` adds long monotone runs (deque worst case)
        const hs = raw.map(([h], i) => (trend ? i + h / 100 : h));
        const ls = raw.map(([, w], i) => (hs[i] as number) - w);
        const d = new Donchian(p);
        hs.forEach((h, i) => {
          const m = d.update(h, ls[i] as number);
          if (i < p - 1) {
            expect(m).toBeNaN();
            return;
          }
          const upper = Math.max(...hs.slice(i + 1 - p, i + 1));
          const lower = Math.min(...ls.slice(i + 1 - p, i + 1));
          expect([d.upper, d.lower, m]).toEqual([upper, lower, (upper + lower) / 2]);
        });
      }),
    );
  });

  it('constant bars give a flat channel; period 1 gives the bar itself', () => {
    const d = new Donchian(4);
    for (let i = 0; i < 10; i++) d.update(101, 99);
    expect([d.upper, d.lower, d.middle]).toEqual([101, 99, 100]);
    const one = new Donchian(1);
    expect(one.update(10, 4)).toBe(7);
    expect(one.update(6, 5)).toBe(5.5);
    expect([one.upper, one.lower]).toEqual([6, 5]);
  });

  it('reset() forgets everything', () => {
    const d = new Donchian(2);
    d.update(100, 0);
    d.update(50, 40);
    d.reset();
    expect([d.upper, d.lower, d.middle]).toEqual([NaN, NaN, NaN]);
    expect(d.update(3, 2)).toBeNaN();
    expect(d.update(5, 1)).toBe(3);
    expect([d.upper, d.lower]).toEqual([5, 1]);
  });

  it('rejects a period that is not an integer ≥ 1', () => {
    expect(() => new Donchian(0)).toThrow(RangeError);
  });
});
