// What a paper replay of stored candles plays: each bar's trades along DESIGN §4's intrabar path
// (engine-core's `candleUpdates`), each followed by a one-level book around its price, since a
// candle says nothing of the book and market orders on the paper venue fill against one.
import {
  type Candles,
  candleUpdates,
  sliceCandles,
  upperBound,
} from '../../../engine-core/src/market';
import { type SymbolId, timestampMs } from '../../../engine-core/src/model';
import type { MarketUpdate } from '../../../engine-core/src/venue';

/** Settings of `replayUpdates`. */
export interface ReplayUpdatesOptions {
  /** The symbol the updates carry (a dataset's own symbol may not be an instrument). */
  readonly symbol: SymbolId;
  /** Only updates after this market time (ms): where a reloaded session left off. */
  readonly after?: number;
  /** Distance of the synthetic bid and ask from each trade's price (the instrument's tick). */
  readonly tickSize: number;
}

/**
 * The replay's updates: every trade of `candleUpdates` (no klines: bars are rebuilt from the
 * trades, as for a live feed), each followed by a depth reset with one bid a tick below and one
 * ask a tick above the trade's price, each holding the trade's quantity (a quarter of the bar's
 * volume). Updates at or before `after` are skipped, so a resumed replay plays no trade twice.
 * Iterable again; nothing is built up front.
 */
export function replayUpdates(
  candles: Candles,
  options: ReplayUpdatesOptions,
): Iterable<MarketUpdate> {
  const { symbol, tickSize } = options;
  const after = options.after ?? Number.NEGATIVE_INFINITY;
  const half = Math.max(tickSize, 0);
  // Starts at the first bar that ends after `after`, without walking the earlier bars' trades.
  const first = Number.isFinite(after) ? upperBound(candles.time, after - candles.intervalMs) : 0;
  const tail = first === 0 ? candles : sliceCandles(candles, first);
  return {
    *[Symbol.iterator]() {
      let id = 0;
      for (const u of candleUpdates(tail, { symbol, klines: false })) {
        if (u.ts <= after || u.kind !== 'trade') continue;
        yield u;
        id++;
        yield {
          kind: 'depth',
          symbol,
          reset: true,
          bids: [u.price - half, u.qty],
          asks: [u.price + half, u.qty],
          firstUpdateId: id,
          lastUpdateId: id,
          ts: timestampMs(u.ts),
        };
      }
    },
  };
}
