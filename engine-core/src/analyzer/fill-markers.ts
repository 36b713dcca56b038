import type { BacktestResult } from './backtest-result';

/** What a fill did to the position. */
export type FillAction = 'open' | 'add' | 'reduce' | 'close' | 'flip';

/** A fill placed on the bar it happened in, for chart markers. */
export interface FillMarker {
  /** Index of the bar whose open time is the last one ≤ the fill time (0 for earlier fills). */
  readonly bar: number;
  readonly side: 'BUY' | 'SELL';
  readonly action: FillAction;
  /** Sign of the position after the fill: 1 long, −1 short, 0 flat. */
  readonly after: -1 | 0 | 1;
  readonly price: number;
}

/** Index of the last `time[i] ≤ t` (binary search), 0 when `t` is before every bar. */
function barAt(time: Float64Array, t: number): number {
  let lo = 0;
  let hi = time.length; // answer in [lo, hi)
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (time[mid] <= t) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * Classifies each fill (open, add, reduce, close, flip) by replaying the position, and snaps it
 * to its bar. A remainder within 1e-9 of the fill size counts as flat, as in `buildTrades`.
 */
export function fillMarkers(result: BacktestResult): FillMarker[] {
  const out: FillMarker[] = [];
  let position = 0;
  for (const fill of result.fills) {
    const signed = fill.side === 'BUY' ? fill.qty : -fill.qty;
    let next = position + signed;
    if (Math.abs(next) <= fill.qty * 1e-9) next = 0;
    let action: FillAction;
    if (position === 0) action = 'open';
    else if (Math.sign(position) === Math.sign(signed)) action = 'add';
    else if (next === 0) action = 'close';
    else if (Math.sign(next) === Math.sign(position)) action = 'reduce';
    else action = 'flip';
    out.push({
      bar: barAt(result.time, fill.time),
      side: fill.side,
      action,
      after: next > 0 ? 1 : next < 0 ? -1 : 0,
      price: fill.price,
    });
    position = next;
  }
  return out;
}
