import { type SymbolId, timestampMs } from '../../model';
import type { KlineUpdate, MarketUpdate } from '../../venue/market-feed';
import type { CandleBar } from '../candles';
import { msToInterval } from '../intervals';
import { KlineAggregator } from '../kline-aggregator';

/**
 * Builds closed bars of any interval from a feed's trades (the `KlineAggregator` per symbol):
 * `onUpdate` returns the klines that a trade closes, `closeUntil(now)` those whose time is over
 * with no later trade. Trades for a bar already closed are refused and counted in `late`.
 */
export class TradeBars {
  readonly intervalMs: number;
  readonly interval: string;
  /** Trades refused because their bar was already closed. */
  late = 0;
  private readonly _bars = new Map<SymbolId, KlineAggregator>();

  constructor(intervalMs: number) {
    this.intervalMs = intervalMs;
    this.interval = msToInterval(intervalMs);
  }

  /** Takes one update; returns the bars a trade closed (none for other updates). */
  onUpdate(u: MarketUpdate): readonly KlineUpdate[] {
    if (u.kind !== 'trade') return [];
    let agg = this._bars.get(u.symbol);
    if (agg === undefined) {
      agg = new KlineAggregator({ intervalMs: this.intervalMs });
      this._bars.set(u.symbol, agg);
    }
    const r = agg.pushTrade({ time: u.ts, price: u.price, qty: u.qty });
    if (!r.ok) {
      this.late++;
      return [];
    }
    return this._klines(u.symbol, r.value);
  }

  /** Closes every bar that ends at or before `nowMs`. */
  closeUntil(nowMs: number): readonly KlineUpdate[] {
    const out: KlineUpdate[] = [];
    for (const [symbol, agg] of this._bars)
      out.push(...this._klines(symbol, agg.closeUntil(nowMs)));
    return out;
  }

  /** The bar being built for `symbol`, or null. */
  current(symbol: SymbolId): CandleBar | null {
    return this._bars.get(symbol)?.current() ?? null;
  }

  private _klines(symbol: SymbolId, bars: readonly CandleBar[]): KlineUpdate[] {
    return bars.map((bar) => ({
      kind: 'kline',
      symbol,
      interval: this.interval,
      bar,
      closed: true,
      ts: timestampMs(bar.time + this.intervalMs - 1),
    }));
  }
}
