import type { BacktestResult } from './backtest-result';
import { periodsPerYear } from './metrics';
import { monthKey, utcMonthIndex } from './utc-month';

/** The return of one calendar month (UTC). */
export interface MonthlyReturn {
  /** `'YYYY-MM'`. */
  readonly month: string;
  readonly return: number;
}

/** One stretch of time spent below a previous equity peak. */
export interface DrawdownPeriod {
  /** Open time of the first bar whose equity is below the peak. */
  readonly start: number;
  /** Open time of the bar with the lowest equity of the period (the first one, on ties). */
  readonly trough: number;
  /** Open time of the first bar back at or above the peak; `null` if never recovered. */
  readonly recovery: number | null;
  /** `(peak − trough equity) / peak`, a positive fraction. */
  readonly depth: number;
  /** Bars spent below the peak: from `start` up to, not including, the recovery bar. */
  readonly lengthBars: number;
}

/**
 * Returns per calendar month (UTC), oldest first: equity at the month's end / equity at the
 * previous month's end − 1, where the first month starts from `E_0` (initial cash). A bar
 * belongs to the month of its open time, and a month's end equity is that of its last bar.
 * Months without bars (data gaps) are left out; the next month then starts from the last
 * equity before it, so `Π(1 + r) − 1` is always the total return.
 */
export function monthlyReturns(result: BacktestResult): MonthlyReturn[] {
  const { time, equity } = result;
  const out: MonthlyReturn[] = [];
  let base = result.config.initial_cash;
  for (let t = 0; t < equity.length; t++) {
    const month = utcMonthIndex(time[t]);
    const last = t + 1 === equity.length || utcMonthIndex(time[t + 1]) !== month;
    if (last) {
      out.push({ month: monthKey(month), return: equity[t] / base - 1 });
      base = equity[t];
    }
  }
  return out;
}

/**
 * Drawdown at each bar close, `(peak_t − E_t) / peak_t` (≥ 0), the running peak starting at `E_0`.
 * Its maximum is the summary's `max_drawdown`.
 */
export function drawdownSeries(result: BacktestResult): Float64Array {
  const { equity } = result;
  const out = new Float64Array(equity.length);
  let peak = result.config.initial_cash;
  for (let t = 0; t < equity.length; t++) {
    if (equity[t] > peak) peak = equity[t];
    out[t] = (peak - equity[t]) / peak;
  }
  return out;
}

/**
 * The periods spent below a previous peak (the running max of equity, starting at `E_0`), in
 * time order. Equity back at the peak (≥) ends a period; the last one may be unrecovered.
 */
export function drawdownPeriods(result: BacktestResult): DrawdownPeriod[] {
  const { time, equity } = result;
  const out: DrawdownPeriod[] = [];
  let peak = result.config.initial_cash;
  let start = -1; // index of the first bar under water, -1 when at a peak
  let trough = -1;
  for (let t = 0; t < equity.length; t++) {
    const e = equity[t];
    if (e >= peak) {
      if (start >= 0) {
        out.push(period(time, start, trough, time[t], (peak - equity[trough]) / peak, t - start));
        start = -1;
      }
      peak = e;
    } else if (start < 0) {
      start = t;
      trough = t;
    } else if (e < equity[trough]) {
      trough = t;
    }
  }
  if (start >= 0) {
    const depth = (peak - equity[trough]) / peak;
    out.push(period(time, start, trough, null, depth, equity.length - start));
  }
  return out;
}

function period(
  time: Float64Array,
  start: number,
  trough: number,
  recovery: number | null,
  depth: number,
  lengthBars: number,
): DrawdownPeriod {
  return { start: time[start], trough: time[trough], recovery, depth, lengthBars };
}

/**
 * Sharpe ratio (as in the summary: sample stdev, √ppy, 0 when stdev is 0) over a sliding window
 * of `window` per-bar returns ending at each bar; NaN until the window fills (bars
 * 0..window − 2). The first bar's return is `equity[0] / E_0 − 1`.
 *
 * O(n): a sliding mean/variance update, re-summed exactly every `window` bars so rounding can't
 * drift, and a window of identical returns (a flat stretch) gives exactly 0.
 */
export function rollingSharpe(result: BacktestResult, window: number): Float64Array {
  if (!Number.isInteger(window) || window < 2) {
    throw new RangeError(`rolling window must be an integer ≥ 2, got ${window}`);
  }
  const { equity } = result;
  const n = equity.length;
  const out = new Float64Array(n).fill(Number.NaN);
  if (n < window) return out;
  const rootPpy = Math.sqrt(periodsPerYear(result.barMs));
  const e0 = result.config.initial_cash;
  const ret = (t: number): number => equity[t] / (t === 0 ? e0 : equity[t - 1]) - 1;
  let mean = 0;
  let m2 = 0;
  let run = 0; // how many returns up to t equal r_t
  let prev = Number.NaN;
  for (let t = 0; t < n; t++) {
    const r = ret(t);
    run = r === prev ? run + 1 : 1;
    prev = r;
    if (t < window - 1) continue;
    if ((t - window + 1) % window === 0) {
      // exact two-pass sums over r_{t−window+1..t}
      let sum = 0;
      for (let i = t - window + 1; i <= t; i++) sum += ret(i);
      mean = sum / window;
      m2 = 0;
      for (let i = t - window + 1; i <= t; i++) m2 += (ret(i) - mean) ** 2;
    } else {
      const rOld = ret(t - window);
      const newMean = mean + (r - rOld) / window;
      m2 += (r - rOld) * (r - newMean + rOld - mean);
      mean = newMean;
    }
    if (run >= window) {
      out[t] = 0;
      continue;
    }
    const sd = Math.sqrt(Math.max(m2, 0) / (window - 1));
    out[t] = sd > 0 ? (mean / sd) * rootPpy : 0;
  }
  return out;
}
