import { describe, expect, it } from 'vitest';
import { Ema } from './ema';
import { Macd } from './macd';

describe('Macd', () => {
  it('is EMA(fast) − EMA(slow), with an EMA signal (hand-computed, 2/3/2)', () => {
    const m = new Macd(2, 3, 2);
    const rows = [1, 2, 3, 4, 5, 6, 3].map((x) => [m.update(x), m.macd, m.signal, m.histogram]);
    // EMA2 (α 2/3): 1.5, 2.5, 3.5, 4.5, 5.5, then 3·2/3 + 5.5/3 = 23/6
    // EMA3 (α 1/2): 2, 3, 4, 5, then 4 → MACD 0.5 from row 2, then 23/6 − 4 = −1/6
    // signal EMA2 of MACD: seed (0.5 + 0.5) / 2 at row 3, …, then −1/6·2/3 + 0.5/3 = 1/18
    expect(rows[0]).toEqual([NaN, NaN, NaN, NaN]);
    expect(rows[1]).toEqual([NaN, NaN, NaN, NaN]);
    expect(rows[2]).toEqual([0.5, 0.5, NaN, NaN]);
    expect(rows[3]).toEqual([0.5, 0.5, 0.5, 0]);
    const last = rows[6] as number[];
    expect(last[0]).toBeCloseTo(-1 / 6, 14);
    expect(last[1]).toBe(last[0]);
    expect(last[2]).toBeCloseTo(1 / 18, 14);
    expect(last[3]).toBeCloseTo(-1 / 6 - 1 / 18, 14);
  });

  it('matches its parts: EMA(fast) − EMA(slow) and an EMA of that, for both seeds', () => {
    for (const seed of ['sma', 'first'] as const) {
      const m = new Macd(12, 26, 9, { seed });
      expect(m.seed).toBe(seed);
      const fast = new Ema(12, { seed });
      const slow = new Ema(26, { seed });
      const signal = new Ema(9, { seed });
      for (let i = 0; i < 300; i++) {
        const x = 100 + 10 * Math.sin(i / 9) + i * 0.05;
        const macd = fast.update(x) - slow.update(x);
        const sig = Number.isNaN(macd) ? Number.NaN : signal.update(macd);
        expect(m.update(x)).toBe(macd);
        expect([m.macd, m.signal, m.histogram]).toEqual(
          Number.isNaN(macd) ? [NaN, NaN, NaN] : [macd, sig, macd - sig],
        );
        // warm-up: MACD from the slow-th input, the signal 8 inputs later
        expect(Number.isNaN(m.macd)).toBe(i < 25);
        expect(Number.isNaN(m.signal)).toBe(i < 33);
      }
    }
  });

  it('is 0 on constant input', () => {
    const m = new Macd(3, 6, 4);
    for (let i = 0; i < 40; i++) m.update(25_000.5);
    for (const v of [m.macd, m.signal, m.histogram]) expect(Math.abs(v)).toBeLessThan(1e-9);
  });

  it('works with period 1 parts', () => {
    const m = new Macd(1, 2, 1);
    m.update(10);
    expect(m.update(12)).toBe(1); // EMA1 12, EMA2 seed 11
    expect([m.signal, m.histogram]).toEqual([1, 0]);
  });

  it('reset() forgets everything', () => {
    const m = new Macd(2, 3, 2);
    for (const x of [5, 9, 2, 8, 1]) m.update(x);
    m.reset();
    expect([m.macd, m.signal, m.histogram]).toEqual([NaN, NaN, NaN]);
    expect([1, 2, 3, 4].map((x) => m.update(x))).toEqual([NaN, NaN, 0.5, 0.5]);
  });

  it('rejects bad periods, and fast ≥ slow', () => {
    expect(() => new Macd(0, 26, 9)).toThrow(RangeError);
    expect(() => new Macd(12, 26, 0)).toThrow(RangeError);
    expect(() => new Macd(26, 26, 9)).toThrow(RangeError);
    expect(() => new Macd(30, 26, 9)).toThrow(RangeError);
  });
});
