import type { SymbolId } from '../../model';
import type { MarketFeed, MarketUpdate } from '../../venue/market-feed';
import type { OrderBookView } from '../book/order-book';
import {
  type BinanceFeedOptions,
  type ResolvedBinanceFeedOptions,
  resolveBinanceFeedOptions,
} from './binance-feed-options';
import { BinanceSession } from './binance-session';
import type { BinanceStreamSet } from './binance-streams';

/**
 * Binance's public spot market data as a `MarketFeed`: trades, best bid/ask, klines and an order
 * book rebuilt from the REST snapshot plus the diff stream, over an injected WebSocket transport,
 * HTTP client and scheduler (engine-core stays platform-free). Each `subscribe` opens one
 * combined-stream connection; it reconnects with backoff and jitter, reports `stale` after a
 * silence, and resyncs a book on any gap. Malformed messages become `error` statuses: nothing
 * throws out of the feed.
 */
export class BinanceFeed implements MarketFeed {
  private readonly _o: ResolvedBinanceFeedOptions;
  private readonly _sessions = new Set<BinanceSession>();

  constructor(options: BinanceFeedOptions) {
    this._o = resolveBinanceFeedOptions(options);
  }

  /** Subscribes to the feed's default streams of `symbols`. */
  subscribe(symbols: readonly SymbolId[], onUpdate: (u: MarketUpdate) => void): () => void {
    return this.subscribeStreams(symbols, this._o.streams, onUpdate);
  }

  /** Subscribes to the given streams of `symbols` (one connection). */
  subscribeStreams(
    symbols: readonly SymbolId[],
    streams: BinanceStreamSet,
    onUpdate: (u: MarketUpdate) => void,
  ): () => void {
    const session = new BinanceSession(this._o, symbols, streams, onUpdate);
    this._sessions.add(session);
    session.start();
    return () => {
      session.stop();
      this._sessions.delete(session);
    };
  }

  /**
   * The live order book of `symbol` (read-only, updated in place), or null while it is not in
   * sync (before the first snapshot, during a resync, with no depth subscription).
   */
  book(symbol: SymbolId): OrderBookView | null {
    for (const s of this._sessions) {
      const ch = s.depth.get(symbol);
      if (ch?.sync.synced === true) return ch.sync.book;
    }
    return null;
  }
}
