// How to bring a live chart up to date with the view's candles: the forming bar (and the one it
// just closed) with `series.update`, the whole series with `setData` only when the feed changed
// or time went backwards (a replay restarted).
import type { CandleBar } from '../../../../engine-core/src/market';

/** What the chart was last given. */
export interface DrawnCandles {
  /** Identifies the feed the bars came from; another key redraws everything. */
  readonly key: string;
  /** The last bar drawn (null when the series is empty). */
  readonly last: CandleBar | null;
}

/** What to do: nothing, redraw every bar, or `update` bars `from` to the end, in order. */
export type CandleSyncPlan =
  | { readonly kind: 'none' }
  | { readonly kind: 'reset' }
  | { readonly kind: 'update'; readonly from: number };

const sameBar = (a: CandleBar, b: CandleBar): boolean =>
  a.time === b.time &&
  a.open === b.open &&
  a.high === b.high &&
  a.low === b.low &&
  a.close === b.close &&
  a.volume === b.volume;

/** The plan for `candles` (oldest first) given what was drawn. */
export function planCandleSync(
  drawn: DrawnCandles | null,
  key: string,
  candles: readonly CandleBar[],
): CandleSyncPlan {
  const n = candles.length;
  if (drawn === null || drawn.key !== key) return { kind: 'reset' };
  const prev = drawn.last;
  if (n === 0) return prev === null ? { kind: 'none' } : { kind: 'reset' };
  if (prev === null) return { kind: 'reset' };
  const last = candles[n - 1] as CandleBar;
  if (last.time < prev.time) return { kind: 'reset' };
  if (last.time === prev.time && sameBar(last, prev)) return { kind: 'none' };
  // The first bar at or after the last one drawn: usually the forming bar or the one before it.
  let i = n - 1;
  while (i > 0 && (candles[i - 1] as CandleBar).time >= prev.time) i--;
  return { kind: 'update', from: i };
}
