import { describe, expect, it } from 'vitest';
import { Rsi } from './rsi';

const feed = (r: Rsi, xs: readonly number[]) => xs.map((x) => r.update(x));

describe('Rsi', () => {
  it("applies Wilder's smoothing (hand-computed, period 2)", () => {
    // changes +1 +1 −1 +2; first averages gain 1, loss 0 → 100; then gain 0.5, loss 0.5 → 50;
    // then gain 1.25, loss 0.25 → RS 5 → 100 − 100/6
    const out = feed(new Rsi(2), [1, 2, 3, 2, 4]);
    expect(out.slice(0, 4)).toEqual([Number.NaN, Number.NaN, 100, 50]);
    expect(out[4]).toBeCloseTo(100 - 100 / 6, 12);
  });

  it("gives 70.46 on StockCharts' Wilder example (their table rounds the averages to 70.53)", () => {
    const closes = [
      44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.1, 45.42, 45.84, 46.08, 45.89, 46.03, 45.61,
      46.28, 46.28,
    ];
    const out = feed(new Rsi(14), closes);
    expect(out.slice(0, 14).every(Number.isNaN)).toBe(true);
    // 14 changes: gains sum to 3.34, losses to 1.40
    expect(out[14]).toBeCloseTo(100 - 100 / (1 + 3.34 / 1.4), 9);
    expect((out[14] as number).toFixed(2)).toBe('70.46');
  });

  it('is 50 on a flat window, 100 with no losses, 0 with no gains', () => {
    expect(feed(new Rsi(3), Array(10).fill(7)).slice(3)).toEqual(Array(7).fill(50));
    expect(feed(new Rsi(3), [1, 2, 3, 4, 5, 6]).slice(3)).toEqual([100, 100, 100]);
    expect(feed(new Rsi(3), [6, 5, 4, 3, 2, 1]).slice(3)).toEqual([0, 0, 0]);
  });

  it('with period 1 is 100 on a rise, 0 on a fall, 50 when unchanged', () => {
    expect(feed(new Rsi(1), [5, 6, 4, 4, 9])).toEqual([Number.NaN, 100, 0, 50, 100]);
  });

  it('stays within [0, 100] and is NaN-free after warm-up', () => {
    const r = new Rsi(5);
    let x = 100;
    for (let i = 0; i < 2000; i++) {
      x *= 1 + Math.sin(i * 12.9898) * 0.02;
      const v = r.update(x);
      if (i < 5) expect(v).toBeNaN();
      else expect(v >= 0 && v <= 100, `row ${i}: ${v}`).toBe(true);
    }
  });

  it('reset() forgets everything', () => {
    const r = new Rsi(2);
    feed(r, [10, 9, 8, 7]);
    r.reset();
    expect(r.value).toBeNaN();
    expect(feed(r, [1, 2, 3])).toEqual([Number.NaN, Number.NaN, 100]);
  });

  it('rejects a period that is not an integer ≥ 1', () => {
    for (const p of [0, 14.5]) expect(() => new Rsi(p)).toThrow(RangeError);
  });
});
