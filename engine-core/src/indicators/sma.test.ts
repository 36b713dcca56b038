import { describe, expect, it } from 'vitest';
import { Sma } from './sma';

describe('Sma', () => {
  it('averages the last period values (hand-computed)', () => {
    const s = new Sma(3);
    expect([1, 2, 6, 7, 20].map((x) => s.update(x))).toEqual([Number.NaN, Number.NaN, 3, 5, 11]);
    expect(s.value).toBe(11);
  });

  it('reset() forgets everything', () => {
    const s = new Sma(2);
    s.update(100);
    s.update(200);
    s.reset();
    expect(s.value).toBeNaN();
    expect(s.update(1)).toBeNaN();
    expect(s.update(3)).toBe(2);
  });

  it('rejects a period that is not an integer ≥ 1', () => {
    for (const p of [0, -1, 1.5, Number.NaN]) expect(() => new Sma(p)).toThrow(RangeError);
  });
});
