import { describe, expect, it } from 'vitest';
import { Roc } from './roc';

const feed = (r: Roc, xs: readonly number[]) => xs.map((x) => r.update(x));

describe('Roc', () => {
  it('is the percent change over period inputs (hand-computed)', () => {
    const out = feed(new Roc(2), [100, 110, 121, 99]);
    expect(out.slice(0, 3)).toEqual([NaN, NaN, 21]); // 100 → 121
    expect(out[3]).toBeCloseTo(-10, 12); // 110 → 99
  });

  it('is 0 on constant input; period 1 is the one-step change', () => {
    expect(feed(new Roc(3), Array(8).fill(7.25)).slice(3)).toEqual(Array(5).fill(0));
    expect(feed(new Roc(1), [50, 75, 60])).toEqual([NaN, 50, -20]);
  });

  it('is NaN when the value period inputs ago is 0', () => {
    expect(feed(new Roc(1), [0, 5, 10])).toEqual([NaN, NaN, 100]);
  });

  it('reset() forgets everything', () => {
    const r = new Roc(1);
    feed(r, [1, 2, 3]);
    r.reset();
    expect(r.value).toBeNaN();
    expect(feed(r, [10, 11])).toEqual([NaN, 10]); // 100 · (11 − 10) / 10
  });

  it('rejects a period that is not an integer ≥ 1', () => {
    expect(() => new Roc(0)).toThrow(RangeError);
  });
});
