// Fills as chart markers: one per bar and side (fills in the same bar add up), on the bar that
// holds the fill's time; fills older than the first bar shown are left out.
import type { CandleBar } from '../../../../engine-core/src/market';
import type { PaperFill } from '../../paper/paper-api';

/** A marker in chart terms (lightweight-charts' `SeriesMarker` without the library types). */
export interface FillMarker {
  /** Open time of the bar, ms. */
  readonly time: number;
  readonly side: 'BUY' | 'SELL';
  readonly qty: number;
  /** Qty-weighted average fill price. */
  readonly price: number;
  readonly count: number;
}

/** Index of the last bar opening at or before `ts`, or -1. */
function barIndex(candles: readonly CandleBar[], ts: number): number {
  let lo = 0;
  let hi = candles.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if ((candles[mid] as CandleBar).time <= ts) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The markers of `fills` on `candles` (both oldest first), oldest first, at most `max`. */
export function fillMarkers(
  fills: readonly PaperFill[],
  candles: readonly CandleBar[],
  max = 200,
): FillMarker[] {
  const byKey = new Map<
    string,
    { time: number; side: 'BUY' | 'SELL'; qty: number; quote: number; count: number }
  >();
  for (const f of fills) {
    const i = barIndex(candles, f.ts);
    if (i < 0) continue;
    const time = (candles[i] as CandleBar).time;
    const key = `${time}:${f.side}`;
    const m = byKey.get(key);
    if (m) {
      m.qty += f.qty;
      m.quote += f.qty * f.price;
      m.count++;
    } else byKey.set(key, { time, side: f.side, qty: f.qty, quote: f.qty * f.price, count: 1 });
  }
  const out = [...byKey.values()]
    .map((m) => ({
      time: m.time,
      side: m.side,
      qty: m.qty,
      price: m.quote / m.qty,
      count: m.count,
    }))
    .sort((a, b) => a.time - b.time || (a.side === b.side ? 0 : a.side === 'BUY' ? -1 : 1));
  return out.length > max ? out.slice(out.length - max) : out;
}
