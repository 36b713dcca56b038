import { describe, expect, it } from 'vitest';
import { depthAt, depthCurve, stepOutline } from './depth-geometry';

const bids: [number, number][] = [
  [99, 1],
  [98, 2],
  [95, 0.5],
];
const asks: [number, number][] = [
  [101, 3],
  [102, 1],
];

describe('depthCurve', () => {
  it('sums each side from the best level and centres the axis on the mid', () => {
    const c = depthCurve(bids, asks);
    expect(c).not.toBeNull();
    if (c === null) return;
    expect(c.bids.cum).toEqual([1, 3, 3.5]);
    expect(c.asks.cum).toEqual([3, 4]);
    expect(c.mid).toBe(100);
    // Farther side: bids reach 95 (5 below the mid), asks 102 (2 above) → 95 … 105.
    expect([c.lo, c.hi]).toEqual([95, 105]);
    expect(c.maxCum).toBe(4);
  });

  it('works with one side, and is null without any', () => {
    expect(depthCurve([], [])).toBeNull();
    const c = depthCurve([], asks);
    expect(c?.mid).toBe(101);
    expect([c?.lo, c?.hi]).toEqual([100, 102]);
    expect(c?.maxCum).toBe(4);
  });

  it('is never zero wide', () => {
    const c = depthCurve([[100, 1]], [[100, 1]]);
    expect(c && c.hi > c.lo).toBe(true);
  });
});

describe('stepOutline', () => {
  it('steps at each level and runs to the edge', () => {
    const c = depthCurve(bids, asks);
    if (c === null) throw new Error('no curve');
    expect(stepOutline(c.bids, c.lo)).toEqual([
      [99, 0],
      [99, 1],
      [98, 1],
      [98, 3],
      [95, 3],
      [95, 3.5],
      [95, 3.5],
      [95, 0],
    ]);
    expect(stepOutline(c.asks, c.hi)).toEqual([
      [101, 0],
      [101, 3],
      [102, 3],
      [102, 4],
      [105, 4],
      [105, 0],
    ]);
    expect(stepOutline({ prices: [], cum: [] }, 0)).toEqual([]);
  });
});

describe('depthAt', () => {
  it('reads the total at a price on either side, 0 in the spread', () => {
    const c = depthCurve(bids, asks);
    if (c === null) throw new Error('no curve');
    expect(depthAt(c, 99)).toEqual({ side: 'bid', cum: 1 });
    expect(depthAt(c, 98.5)).toEqual({ side: 'bid', cum: 1 });
    expect(depthAt(c, 97)).toEqual({ side: 'bid', cum: 3 });
    expect(depthAt(c, 90)).toEqual({ side: 'bid', cum: 3.5 });
    expect(depthAt(c, 100)).toEqual({ side: null, cum: 0 });
    expect(depthAt(c, 101.5)).toEqual({ side: 'ask', cum: 3 });
    expect(depthAt(c, 104)).toEqual({ side: 'ask', cum: 4 });
  });
});
