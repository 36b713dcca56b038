import { type SymbolId, symbolId, timestampMs } from '../../model';
import { setPath } from '../../venue/bar';
import type { MarketUpdate } from '../../venue/market-feed';
import type { Candles } from '../candles';

/** Settings of `candleUpdates`. */
export interface CandleUpdatesOptions {
  /** Default: the candles' symbol. */
  readonly symbol?: SymbolId;
  /** Also emit each bar as a closed kline after its trades (default true). */
  readonly klines?: boolean;
}

/**
 * Replays candles as trades along DESIGN §4's intrabar path: O→L→H→C for a bar with
 * close ≥ open, O→H→L→C otherwise, at the bar's open time and at ¼, ½ and ¾ of its length, each
 * with a quarter of its volume; the aggressor side follows the move into the price (the open
 * compares with the previous close). Then the bar itself as a closed kline at its close time
 * (open time + interval − 1 ms). Iterable again and again; nothing is built up front.
 */
export function candleUpdates(
  candles: Candles,
  options: CandleUpdatesOptions = {},
): Iterable<MarketUpdate> {
  const symbol = options.symbol ?? symbolId(candles.symbol);
  const klines = options.klines ?? true;
  return {
    *[Symbol.iterator]() {
      const step = candles.intervalMs;
      const offsets = [0, Math.floor(step / 4), Math.floor(step / 2), Math.floor((3 * step) / 4)];
      const path = { p0: 0, p1: 0, p2: 0, p3: 0 };
      let prev = Number.NaN;
      for (let i = 0; i < candles.length; i++) {
        const t = candles.time[i] as number;
        const o = candles.open[i] as number;
        const h = candles.high[i] as number;
        const l = candles.low[i] as number;
        const c = candles.close[i] as number;
        const v = candles.volume[i] as number;
        setPath(path, o, h, l, c);
        const prices = [path.p0, path.p1, path.p2, path.p3];
        for (let k = 0; k < 4; k++) {
          const price = prices[k] as number;
          const before = k === 0 ? prev : (prices[k - 1] as number);
          yield {
            kind: 'trade',
            symbol,
            price,
            qty: v / 4,
            side: Number.isNaN(before) || price >= before ? 'BUY' : 'SELL',
            ts: timestampMs(t + (offsets[k] as number)),
          };
        }
        prev = c;
        if (klines) {
          yield {
            kind: 'kline',
            symbol,
            interval: candles.interval,
            bar: { time: t, open: o, high: h, low: l, close: c, volume: v },
            closed: true,
            ts: timestampMs(t + step - 1),
          };
        }
      }
    },
  };
}
