// Column → chart-row conversions, one pass each. The charts pass them points of a plan
// (decimate.ts), a few thousand rows, never one row per bar of a big dataset.
import type { CandlestickData, LineData, UTCTimestamp, WhitespaceData } from 'lightweight-charts';
import type { FillAction, FillMarker } from '../../../engine-core/src/analyzer';

/** The OHLC columns a candle chart draws (a `Candles` fits). */
export interface OhlcColumns {
  readonly length: number;
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
}

/** Unix ms → the chart's time (Unix seconds, drawn as UTC). */
export const toChartTime = (ms: number): UTCTimestamp => (ms / 1000) as UTCTimestamp;

/** Chart time → Unix ms. */
export const fromChartTime = (t: number): number => Math.round(t * 1000);

/** Candlestick rows of the columns. */
export function candleRows(c: OhlcColumns): CandlestickData<UTCTimestamp>[] {
  const n = c.length;
  const out: CandlestickData<UTCTimestamp>[] = new Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = {
      time: toChartTime(c.time[i] as number),
      open: c.open[i] as number,
      high: c.high[i] as number,
      low: c.low[i] as number,
      close: c.close[i] as number,
    };
  }
  return out;
}

/**
 * Line rows of `values` at `time` (ms), for the first `n` bars. Non-finite values (an indicator
 * still warming up) become whitespace, so the line starts where the values do and the time axis
 * stays the candles' one.
 */
export function lineRows(
  time: ArrayLike<number>,
  values: ArrayLike<number>,
  n = Math.min(time.length, values.length),
): (LineData<UTCTimestamp> | WhitespaceData<UTCTimestamp>)[] {
  const out: (LineData<UTCTimestamp> | WhitespaceData<UTCTimestamp>)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    const time_ = toChartTime(time[i] as number);
    out[i] = Number.isFinite(v) ? { time: time_, value: v } : { time: time_ };
  }
  return out;
}

const ACTION_LABEL: Readonly<Record<FillAction, string>> = {
  open: 'Open',
  add: 'Add',
  reduce: 'Reduce',
  close: 'Exit',
  flip: 'Flip',
};

/** A fill's label: `Long`/`Short` when it opens, `Flip long`, else `Exit`, `Add`, `Reduce`. */
export function markerText(m: Pick<FillMarker, 'action' | 'after'>): string {
  if (m.action === 'open' || m.action === 'flip') {
    const side = m.after > 0 ? 'Long' : 'Short';
    return m.action === 'open' ? side : `Flip ${side.toLowerCase()}`;
  }
  return ACTION_LABEL[m.action];
}

/** Index of the last `time[i] ≤ t` (binary search); 0 when `t` is before every entry. */
export function indexAtOrBefore(time: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = time.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if ((time[mid] as number) <= t) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * The logical (bar index) range that shows `fromMs`–`toMs` with some context around it: a
 * quarter of the span on each side, at least `minPadBars` bars.
 */
export function paddedBarRange(
  time: ArrayLike<number>,
  fromMs: number,
  toMs: number,
  minPadBars = 10,
): { from: number; to: number } {
  const a = indexAtOrBefore(time, Math.min(fromMs, toMs));
  const b = indexAtOrBefore(time, Math.max(fromMs, toMs));
  const pad = Math.max(minPadBars, Math.ceil((b - a) / 4));
  return { from: a - pad, to: b + pad };
}

/**
 * A price format for the candles' magnitude: about six significant digits at the middle bar's close,
 * at least two decimals (`42,000.00`, `0.0123457` for a coin at a cent).
 */
export function priceFormatFor(close: ArrayLike<number>): { precision: number; minMove: number } {
  const n = close.length;
  const mid = n === 0 ? 1 : Math.abs(close[n >> 1] as number);
  const magnitude = mid > 0 && Number.isFinite(mid) ? Math.floor(Math.log10(mid)) : 0;
  const precision = Math.min(10, Math.max(2, 5 - magnitude));
  return { precision, minMove: Number((10 ** -precision).toFixed(precision)) };
}
