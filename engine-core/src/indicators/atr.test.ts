import { describe, expect, it } from 'vitest';
import { Atr } from './atr';

describe('Atr', () => {
  it("uses the true range and Wilder's smoothing (hand-computed)", () => {
    const a = new Atr(2);
    expect(a.update(10, 8, 9)).toBeNaN(); // first bar: TR = high − low = 2
    expect(a.trueRange).toBe(2);
    expect(a.update(11, 9, 10)).toBe(2); // TR max(2, |11−9|, |9−9|) = 2; ATR (2 + 2) / 2
    expect(a.update(15, 12, 14)).toBe(3.5); // gap up: TR |15−10| = 5; 2 + (5 − 2) / 2
    expect(a.trueRange).toBe(5);
    expect(a.update(9, 7, 8)).toBe(5.25); // gap down: TR |7−14| = 7; 3.5 + (7 − 3.5) / 2
    expect(a.trueRange).toBe(7);
    expect(a.value).toBe(5.25);
  });

  it('is 0 on constant bars; with period 1 it is the true range', () => {
    const a = new Atr(3);
    for (let i = 0; i < 10; i++) a.update(100, 100, 100);
    expect(a.value).toBe(0);
    const one = new Atr(1);
    expect(one.update(5, 3, 4)).toBe(2);
    expect(one.update(9, 6, 8)).toBe(5); // |9 − 4|
    expect(one.update(8, 7, 7.5)).toBe(1);
  });

  it('is NaN-free and ≥ 0 after warm-up', () => {
    const a = new Atr(14);
    let c = 100;
    for (let i = 0; i < 1000; i++) {
      const o = c;
      c = o * (1 + Math.sin(i * 7.1) * 0.01);
      const v = a.update(Math.max(o, c) * 1.002, Math.min(o, c) * 0.998, c);
      if (i < 13) expect(v).toBeNaN();
      else expect(v > 0, `row ${i}: ${v}`).toBe(true);
    }
  });

  it('reset() forgets everything, the previous close included', () => {
    const a = new Atr(1);
    a.update(100, 90, 95);
    a.reset();
    expect([a.value, a.trueRange]).toEqual([NaN, NaN]);
    expect(a.update(10, 8, 9)).toBe(2); // no previous close: high − low
  });

  it('rejects a period that is not an integer ≥ 1', () => {
    expect(() => new Atr(0)).toThrow(RangeError);
  });
});
