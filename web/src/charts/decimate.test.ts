import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { syntheticSample } from '../../../engine-core/src/market';
import {
  bucketTimes,
  lastPoints,
  maxPoints,
  minPoints,
  ohlcPoints,
  pointsCovering,
} from './decimate';
import { type LodOptions, type LodPlan, planFor } from './lod-plan';
import { RangeExtremes } from './range-extremes';

/** Group-by: each bar's bucket found by a linear walk over the starts, then plain folds. */
function groups(plan: LodPlan): number[][] {
  const out: number[][] = Array.from({ length: plan.points }, () => []);
  let j = 0;
  for (let i = 0; i < plan.bars; i++) {
    while (j + 1 < plan.points && (plan.start[j + 1] as number) <= i) j++;
    out[j]?.push(i);
  }
  return out;
}

const finite = (xs: number[]) => xs.filter((x) => !Number.isNaN(x));

const bars = syntheticSample({ bars: 3_000 });
const arbPlan = fc
  .record({
    perScreen: fc.integer({ min: 3, max: 80 }),
    outside: fc.integer({ min: 2, max: 80 }),
    from: fc.integer({ min: 0, max: 2_999 }),
    width: fc.integer({ min: 0, max: 2_999 }),
  })
  .map(({ perScreen, outside, from, width }) =>
    planFor(bars.length, { from, to: Math.min(2_999, from + width) }, {
      perScreen,
      outside,
      fullDetailUpTo: 0,
    } satisfies LodOptions),
  );
const SEED = { seed: 11_2025, numRuns: 150 };
const highs = new RangeExtremes(bars.high, 'max');
const lows = new RangeExtremes(bars.low, 'min');

describe('ohlcPoints', () => {
  it('equals a naive group-by: first open, max high, min low, last close (seeded fuzz)', () => {
    fc.assert(
      fc.property(arbPlan, (plan) => {
        const got = ohlcPoints(bars, plan);
        // The same through the highs' and lows' indexes.
        expect(ohlcPoints(bars, plan, { high: highs, low: lows })).toEqual(got);
        const g = groups(plan);
        expect(got.length).toBe(g.length);
        g.forEach((idx, j) => {
          const first = idx[0] as number;
          const last = idx[idx.length - 1] as number;
          expect(got.time[j]).toBe(bars.time[first]);
          expect(got.open[j]).toBe(bars.open[first]);
          expect(got.high[j]).toBe(Math.max(...idx.map((i) => bars.high[i] as number)));
          expect(got.low[j]).toBe(Math.min(...idx.map((i) => bars.low[i] as number)));
          expect(got.close[j]).toBe(bars.close[last]);
        });
      }),
      SEED,
    );
  });
});

describe('line points', () => {
  // Values with NaN runs (an indicator warming up, a gap).
  const values = Float64Array.from(bars.close, (c, i) => (i < 40 || i % 97 < 5 ? Number.NaN : c));

  const minIndex = new RangeExtremes(values, 'min');
  const maxIndex = new RangeExtremes(values, 'max');

  it('min, max and last of each bucket equal the naive ones, NaN ignored (seeded fuzz)', () => {
    fc.assert(
      fc.property(arbPlan, (plan) => {
        const lo = minPoints(values, plan);
        const hi = maxPoints(values, plan);
        expect(minPoints(values, plan, minIndex)).toEqual(lo);
        expect(maxPoints(values, plan, maxIndex)).toEqual(hi);
        const last = lastPoints(values, plan);
        groups(plan).forEach((idx, j) => {
          const v = finite(idx.map((i) => values[i] as number));
          expect(lo[j]).toBe(v.length ? Math.min(...v) : Number.NaN);
          expect(hi[j]).toBe(v.length ? Math.max(...v) : Number.NaN);
          expect(last[j]).toBe(values[idx[idx.length - 1] as number]);
        });
      }),
      SEED,
    );
  });

  it('ends buckets at the last value when the values stop early (seeded fuzz)', () => {
    fc.assert(
      fc.property(arbPlan, fc.integer({ min: 0, max: 3_000 }), (plan, n) => {
        const short = values.subarray(0, n);
        const last = lastPoints(short, plan);
        const g = groups(plan);
        const covered = g.filter((idx) => (idx[0] as number) < n).length;
        expect(pointsCovering(plan, n)).toBe(covered);
        g.forEach((idx, j) => {
          const have = idx.filter((i) => i < n);
          expect(last[j]).toBe(have.length ? values[have[have.length - 1] as number] : Number.NaN);
        });
      }),
      SEED,
    );
  });

  it('keeps the deepest drawdown of the series in the coarsest plan', () => {
    const dd = Float64Array.from(bars.close, (c, i) => (i === 1_234 ? 0.4 : (c % 7) / 100));
    const plan = planFor(
      bars.length,
      { from: 0, to: 2_999 },
      { perScreen: 10, outside: 10, fullDetailUpTo: 0 },
    );
    expect(plan.points).toBeLessThan(20);
    expect(Math.max(...maxPoints(dd, plan))).toBe(0.4);
    expect(bucketTimes(bars.time, plan)[0]).toBe(bars.time[0]);
  });
});
