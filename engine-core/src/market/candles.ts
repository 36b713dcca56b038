import { assert } from '../util/assert';

/**
 * OHLCV bars of one symbol and interval, stored as columns. Row `i` is the bar that opens at
 * `time[i]` (Unix ms, UTC); times are strictly increasing. Every column has exactly `length`
 * elements (they may be views on larger buffers, see `sliceCandles`).
 */
export interface Candles {
  readonly symbol: string;
  /** Interval label, `'1m'`, `'1h'`, … (see `msToInterval`). */
  readonly interval: string;
  readonly intervalMs: number;
  readonly length: number;
  /** Open time of each bar, Unix ms, UTC. */
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

/** The six columns of a `Candles`, in canonical CSV order. */
export const CANDLE_COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

/** One column name of `Candles`. */
export type CandleColumn = (typeof CANDLE_COLUMNS)[number];

/** A single bar as a plain object (for live feeds and tests; hot loops read the columns). */
export interface CandleBar {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** The columns of a `Candles`, without the metadata. */
export type CandleColumns = Readonly<Record<CandleColumn, Float64Array>>;

/** Builds a `Candles` from columns of equal length (they are used as they are, not copied). */
export function candlesFromColumns(
  symbol: string,
  interval: string,
  intervalMs: number,
  columns: CandleColumns,
): Candles {
  const length = columns.time.length;
  for (const name of CANDLE_COLUMNS) {
    assert(columns[name].length === length, `column ${name}: ${columns[name].length} ≠ ${length}`);
  }
  const { time, open, high, low, close, volume } = columns;
  return { symbol, interval, intervalMs, length, time, open, high, low, close, volume };
}

/** An empty series. */
export function emptyCandles(symbol: string, interval: string, intervalMs: number): Candles {
  const e = new Float64Array(0);
  return candlesFromColumns(symbol, interval, intervalMs, {
    time: e,
    open: e,
    high: e,
    low: e,
    close: e,
    volume: e,
  });
}

/** Row `i` as a plain object. */
export function barAt(c: Candles, i: number): CandleBar {
  return {
    time: c.time[i],
    open: c.open[i],
    high: c.high[i],
    low: c.low[i],
    close: c.close[i],
    volume: c.volume[i],
  };
}

/** Rows `[from, to)` as views on the same buffers (no copy); bounds are clamped like `slice`. */
export function sliceCandles(c: Candles, from: number, to: number = c.length): Candles {
  const clamp = (i: number): number => (i < 0 ? Math.max(0, c.length + i) : Math.min(i, c.length));
  const a = clamp(from);
  const b = Math.max(a, clamp(to));
  return {
    symbol: c.symbol,
    interval: c.interval,
    intervalMs: c.intervalMs,
    length: b - a,
    time: c.time.subarray(a, b),
    open: c.open.subarray(a, b),
    high: c.high.subarray(a, b),
    low: c.low.subarray(a, b),
    close: c.close.subarray(a, b),
    volume: c.volume.subarray(a, b),
  };
}

/** The bars whose open time is in `[fromMs, toMs)`, as views (no copy). */
export function sliceCandlesByTime(c: Candles, fromMs: number, toMs: number): Candles {
  return sliceCandles(c, lowerBound(c.time, fromMs), lowerBound(c.time, toMs));
}

/** The first index `i` in the sorted `time` with `time[i] >= t` (`length` when there is none). */
export function lowerBound(time: Float64Array, t: number, length: number = time.length): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index `i` in the sorted `time` with `time[i] > t` (`length` when there is none). */
export function upperBound(time: Float64Array, t: number, length: number = time.length): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The parts one after another, copied into new columns. The caller guarantees that each part
 * starts after the previous one ends and that all have the same interval; the metadata of the
 * first part is kept. At least one part is required.
 */
export function concatCandles(...parts: readonly Candles[]): Candles {
  const head = parts[0];
  assert(head !== undefined, 'concatCandles needs at least one part');
  let n = 0;
  for (const p of parts) n += p.length;
  const join = (column: CandleColumn): Float64Array => {
    const out = new Float64Array(n);
    let at = 0;
    for (const p of parts) {
      out.set(p[column], at);
      at += p.length;
    }
    return out;
  };
  return candlesFromColumns(head.symbol, head.interval, head.intervalMs, {
    time: join('time'),
    open: join('open'),
    high: join('high'),
    low: join('low'),
    close: join('close'),
    volume: join('volume'),
  });
}
