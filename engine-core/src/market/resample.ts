import { err, ok, type Result } from '../util/result';
import { CandleBuilder } from './candle-builder';
import type { Candles } from './candles';
import { detectGaps, type Gap } from './gaps';
import { bucketStart, msToInterval, parseInterval } from './intervals';

/** A target bar built from fewer source bars than it spans (at a gap or at either end). */
export interface PartialBucket {
  /** Open time of the target bar. */
  readonly time: number;
  /** Source bars it was built from. */
  readonly bars: number;
  /** Source bars a full target bar has (`target / source`). */
  readonly expectedBars: number;
}

/** What `resample` gives. */
export interface ResampleResult {
  readonly candles: Candles;
  /** Whole target bars missing between output bars (reported, never filled). */
  readonly gaps: readonly Gap[];
  /** Output bars built from an incomplete set of source bars; they are kept. */
  readonly partial: readonly PartialBucket[];
}

/**
 * Aggregates bars to a longer interval that is a whole multiple of theirs (1m → 5m, 15m, 1h, 4h,
 * 1d; 1d → 1w …). Target bars are aligned to UTC multiples of the target since the epoch, and
 * weekly ones to Monday 00:00 UTC as on Binance. Open is the first source open, high the max,
 * low the min, close the last close, volume the sum (added in time order). A target bar with
 * source bars missing is kept and listed in `partial`.
 */
export function resample(c: Candles, targetInterval: string): Result<ResampleResult, string> {
  const parsed = parseInterval(targetInterval);
  if (!parsed.ok) return parsed;
  const target = parsed.value;
  const source = c.intervalMs;
  const label = `cannot resample ${c.interval} to ${targetInterval}`;
  if (target < source || target % source !== 0) {
    return err(`${label}: ${targetInterval} is not a whole multiple of ${c.interval}`);
  }
  const per = target / source;
  const out = new CandleBuilder(Math.ceil(c.length / per) + 1);
  const partial: PartialBucket[] = [];
  const { time, open, high, low, close, volume } = c;
  let bucket = Number.NaN;
  let o = 0;
  let h = 0;
  let l = 0;
  let cl = 0;
  let v = 0;
  let bars = 0;
  for (let i = 0; i < c.length; i++) {
    const t = time[i];
    const b = bucketStart(t, target);
    if (t + source > b + target) {
      return err(
        `${label}: the bar at ${t} crosses the ${targetInterval} boundary at ${b + target}`,
      );
    }
    if (b !== bucket) {
      if (bars > 0) {
        out.push(bucket, o, h, l, cl, v);
        if (bars < per) partial.push({ time: bucket, bars, expectedBars: per });
      }
      bucket = b;
      o = open[i];
      h = high[i];
      l = low[i];
      v = 0;
      bars = 0;
    } else {
      if (high[i] > h) h = high[i];
      if (low[i] < l) l = low[i];
    }
    cl = close[i];
    v += volume[i];
    bars++;
  }
  if (bars > 0) {
    out.push(bucket, o, h, l, cl, v);
    if (bars < per) partial.push({ time: bucket, bars, expectedBars: per });
  }
  const candles = out.build(c.symbol, msToInterval(target), target);
  return ok({ candles, gaps: detectGaps(candles.time, target), partial });
}
