// Bars → chart points under a plan (lod-plan.ts), one pass each, typed arrays out. A bucket's
// candle is exactly its bars' envelope: first open, highest high, lowest low, last close.
import type { LodPlan } from './lod-plan';
import type { OhlcColumns } from './series-data';

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
export function ohlcPoints(c: OhlcColumns, plan: LodPlan): OhlcPoints {
  const m = plan.points;
  const open = new Float64Array(m);
  const high = new Float64Array(m);
  const low = new Float64Array(m);
  const close = new Float64Array(m);
  const { start } = plan;
  for (let j = 0; j < m; j++) {
    const s = start[j] as number;
    const e = start[j + 1] as number;
    let hi = c.high[s] as number;
    let lo = c.low[s] as number;
    for (let i = s + 1; i < e; i++) {
      const h = c.high[i] as number;
      const l = c.low[i] as number;
      if (h > hi) hi = h;
      if (l < lo) lo = l;
    }
    open[j] = c.open[s] as number;
    high[j] = hi;
    low[j] = lo;
    close[j] = c.close[e - 1] as number;
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

/** Each bucket's largest value, NaN ignored (NaN when the bucket has none). */
export function maxPoints(values: ArrayLike<number>, plan: LodPlan): Float64Array {
  const out = new Float64Array(plan.points);
  for (let j = 0; j < plan.points; j++) {
    const e = Math.min(plan.start[j + 1] as number, values.length);
    let best = Number.NaN;
    for (let i = plan.start[j] as number; i < e; i++) {
      const v = values[i] as number;
      if (v > best || (Number.isNaN(best) && !Number.isNaN(v))) best = v;
    }
    out[j] = best;
  }
  return out;
}

/** Each bucket's smallest value, NaN ignored (NaN when the bucket has none). */
export function minPoints(values: ArrayLike<number>, plan: LodPlan): Float64Array {
  const out = new Float64Array(plan.points);
  for (let j = 0; j < plan.points; j++) {
    const e = Math.min(plan.start[j + 1] as number, values.length);
    let best = Number.NaN;
    for (let i = plan.start[j] as number; i < e; i++) {
      const v = values[i] as number;
      if (v < best || (Number.isNaN(best) && !Number.isNaN(v))) best = v;
    }
    out[j] = best;
  }
  return out;
}
