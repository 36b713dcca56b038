import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MonotonicDeque } from './monotonic-deque';

describe('MonotonicDeque', () => {
  it('tracks the max and the min of the last window values (hand-computed)', () => {
    const max = new MonotonicDeque(3, 'max');
    const min = new MonotonicDeque(3, 'min');
    const xs = [4, 2, 3, 1, 1, 5, 0];
    expect(xs.map((x) => max.push(x))).toEqual([4, 4, 4, 3, 3, 5, 5]);
    expect(xs.map((x) => min.push(x))).toEqual([4, 2, 2, 1, 1, 1, 0]);
    expect([max.value, min.value]).toEqual([5, 0]);
  });

  it('equals a naive scan over long random streams', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 300 }),
        (w, xs) => {
          const max = new MonotonicDeque(w, 'max');
          const min = new MonotonicDeque(w, 'min');
          xs.forEach((x, i) => {
            const win = xs.slice(Math.max(0, i + 1 - w), i + 1);
            expect([max.push(x), min.push(x)]).toEqual([Math.max(...win), Math.min(...win)]);
          });
        },
      ),
    );
  });

  it('reset() empties it', () => {
    const d = new MonotonicDeque(2, 'max');
    d.push(9);
    d.reset();
    expect(d.value).toBeNaN();
    expect(d.push(1)).toBe(1);
  });
});
