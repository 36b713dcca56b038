// Column → chart-row conversions. Each runs once per data set (one pass, no intermediate
// arrays), so a 500 000-bar dataset costs one array of row objects per series, built once.
import type {
  CandlestickData,
  LineData,
  SeriesMarker,
  UTCTimestamp,
  WhitespaceData,
} from 'lightweight-charts';
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

/** The equity curve and its drawdown, as chart rows (drawdown in −%, 0 at a peak). */
export interface EquityRows {
  readonly equity: LineData<UTCTimestamp>[];
  readonly drawdown: LineData<UTCTimestamp>[];
  /** Largest drawdown, a positive fraction (the summary's `max_drawdown`). */
  readonly maxDrawdown: number;
}

/** An equity curve as columns: bar open times (ms) and equity at each close. */
export interface EquityCurve {
  readonly time: Float64Array;
  readonly value: Float64Array;
}

/** The report's `[open_time_ms, equity]` points as columns. */
export function equityCurveOf(points: readonly (readonly [number, number])[]): EquityCurve {
  return {
    time: Float64Array.from(points, (p) => p[0]),
    value: Float64Array.from(points, (p) => p[1]),
  };
}

/**
 * Equity and drawdown rows from an equity curve, in one pass. The running peak starts at
 * `initialCash` (E_0), as DESIGN §5's `max_drawdown`.
 */
export function equityRows(curve: EquityCurve, initialCash: number): EquityRows {
  const n = curve.value.length;
  const equity: LineData<UTCTimestamp>[] = new Array(n);
  const drawdown: LineData<UTCTimestamp>[] = new Array(n);
  let peak = initialCash;
  let maxDd = 0;
  for (let i = 0; i < n; i++) {
    const time = toChartTime(curve.time[i] as number);
    const e = curve.value[i] as number;
    if (e > peak) peak = e;
    const dd = peak > 0 ? (peak - e) / peak : 0;
    if (dd > maxDd) maxDd = dd;
    equity[i] = { time, value: e };
    drawdown[i] = { time, value: dd === 0 ? 0 : -dd * 100 };
  }
  return { equity, drawdown, maxDrawdown: maxDd };
}

/** Colours of the fill markers. */
export interface MarkerColours {
  readonly buy: string;
  readonly sell: string;
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

/** Beyond this many fills, markers are arrows only: labels would pile up. */
export const MAX_LABELLED_MARKERS = 80;

/**
 * Series markers of the fills (buys below the bar, sells above), in time order; `time` is the
 * candles' open-time column (ms) that `FillMarker.bar` indexes. Markers past the end of `time`
 * are dropped.
 */
export function fillSeriesMarkers(
  markers: readonly FillMarker[],
  time: ArrayLike<number>,
  colours: MarkerColours,
): SeriesMarker<UTCTimestamp>[] {
  const labelled = markers.length <= MAX_LABELLED_MARKERS;
  const out: SeriesMarker<UTCTimestamp>[] = [];
  for (const m of markers) {
    if (m.bar >= time.length) continue;
    const buy = m.side === 'BUY';
    out.push({
      time: toChartTime(time[m.bar] as number),
      position: buy ? 'belowBar' : 'aboveBar',
      shape: buy ? 'arrowUp' : 'arrowDown',
      color: buy ? colours.buy : colours.sell,
      ...(labelled ? { text: markerText(m) } : { size: 0.6 }),
    });
  }
  return out;
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
