// Bars → chart points under a plan (lod-plan.ts), one pass each, typed arrays out. A bucket's
// candle is exactly its bars' envelope: first open, highest high, lowest low, last close.
import type { LodPlan } from './lod-plan';
import type { RangeExtremes } from './range-extremes';
import type { OhlcColumns } from './series-data';

/** Indexes of the highs and lows (see `RangeExtremes`): a bucket costs O(log n), not its bars. */
export interface OhlcExtremes {
  readonly high: RangeExtremes;
  readonly low: RangeExtremes;
}

/** Candles of the buckets; `time` is each bucket's first bar's open time. */
export interface OhlcPoints {
  readonly length: number;
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
}

/** The open time of each bucket's first bar. */
export function bucketTimes(time: ArrayLike<number>, plan: LodPlan): Float64Array {
  const out = new Float64Array(plan.points);
  for (let j = 0; j < plan.points; j++) out[j] = time[plan.start[j] as number] as number;
  return out;
}

/** The buckets' candles: first open, max high, min low, last close. */
export function ohlcPoints(c: OhlcColumns, plan: LodPlan, extremes?: OhlcExtremes): OhlcPoints {
  const m = plan.points;
  const open = new Float64Array(m);
  const high = new Float64Array(m);
  const low = new Float64Array(m);
  const close = new Float64Array(m);
  const { start } = plan;
  for (let j = 0; j < m; j++) {
    const s = start[j] as number;
    const e = start[j + 1] as number;
    open[j] = c.open[s] as number;
    close[j] = c.close[e - 1] as number;
    if (extremes) {
      high[j] = extremes.high.query(s, e);
      low[j] = extremes.low.query(s, e);
      continue;
    }
    let hi = c.high[s] as number;
    let lo = c.low[s] as number;
    for (let i = s + 1; i < e; i++) {
      const h = c.high[i] as number;
      const l = c.low[i] as number;
      if (h > hi) hi = h;
      if (l < lo) lo = l;
    }
    high[j] = hi;
    low[j] = lo;
  }
  return { length: m, time: bucketTimes(c.time, plan), open, high, low, close };
}

/**
 * Each bucket's last bar's value (a line that follows the candles' close). Values may stop
 * early (a run that ended at a failure): a bucket then ends at the last value it has, and a
 * bucket with none is NaN.
 */
export function lastPoints(values: ArrayLike<number>, plan: LodPlan): Float64Array {
  const out = new Float64Array(plan.points);
  for (let j = 0; j < plan.points; j++) {
    const e = Math.min(plan.start[j + 1] as number, values.length) - 1;
    out[j] = e >= (plan.start[j] as number) ? (values[e] as number) : Number.NaN;
  }
  return out;
}

/** How many buckets hold at least one of the first `n` bars. */
export function pointsCovering(plan: LodPlan, n: number): number {
  let lo = 0;
  let hi = plan.points;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((plan.start[mid] as number) < n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Each bucket's largest value, NaN ignored (NaN when the bucket has none). With `index` (a
 * `RangeExtremes` 'max' of `values`) a bucket costs O(log n).
 */
export function maxPoints(
  values: ArrayLike<number>,
  plan: LodPlan,
  index?: RangeExtremes,
): Float64Array {
  return extremePoints(values, plan, 'max', index);
}

/** Each bucket's smallest value, NaN ignored (NaN when the bucket has none); see `maxPoints`. */
export function minPoints(
  values: ArrayLike<number>,
  plan: LodPlan,
  index?: RangeExtremes,
): Float64Array {
  return extremePoints(values, plan, 'min', index);
}

function extremePoints(
  values: ArrayLike<number>,
  plan: LodPlan,
  kind: 'max' | 'min',
  index: RangeExtremes | undefined,
): Float64Array {
  const out = new Float64Array(plan.points);
  for (let j = 0; j < plan.points; j++) {
    const s = plan.start[j] as number;
    const e = Math.min(plan.start[j + 1] as number, values.length);
    if (index) {
      out[j] = index.query(s, e);
      continue;
    }
    let best = Number.NaN;
    for (let i = s; i < e; i++) {
      const v = values[i] as number;
      if (Number.isNaN(v)) continue;
      if (Number.isNaN(best) || (kind === 'max' ? v > best : v < best)) best = v;
    }
    out[j] = best;
  }
  return out;
}
