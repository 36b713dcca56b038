import type { CandleBar } from '../market/candles';
import type { SymbolId, TimestampMs } from '../model';

/** A trade on the venue. */
export interface TradeUpdate {
  readonly kind: 'trade';
  readonly symbol: SymbolId;
  readonly price: number;
  readonly qty: number;
  /** The aggressor's side (Binance: `m` true, the buyer was the maker, means SELL). */
  readonly side: 'BUY' | 'SELL';
  /** Trade time. */
  readonly ts: TimestampMs;
}

/** The best bid and ask (Binance `bookTicker`). */
export interface BookTickerUpdate {
  readonly kind: 'book_ticker';
  readonly symbol: SymbolId;
  readonly bidPrice: number;
  readonly bidQty: number;
  readonly askPrice: number;
  readonly askQty: number;
  /** The book's update id. */
  readonly updateId: number;
  /** Receive time (Binance sends none). */
  readonly ts: TimestampMs;
}

/**
 * Changed levels of an order book, as flat lists `[price0, qty0, price1, qty1, …]` of absolute
 * quantities (0 removes the level). With `reset` the lists are the whole book: clear it first
 * (after a snapshot or a resync). Applying every depth update in order rebuilds the feed's book.
 */
export interface DepthUpdate {
  readonly kind: 'depth';
  readonly symbol: SymbolId;
  readonly reset: boolean;
  readonly bids: readonly number[];
  readonly asks: readonly number[];
  /** Binance `U` and `u`: first and last update id covered (both `lastUpdateId` for a reset). */
  readonly firstUpdateId: number;
  readonly lastUpdateId: number;
  /** Event time. */
  readonly ts: TimestampMs;
}

/** A bar of a kline stream: the bar so far, or final when `closed`. */
export interface KlineUpdate {
  readonly kind: 'kline';
  readonly symbol: SymbolId;
  /** `'1m'`, `'1h'`, … */
  readonly interval: string;
  readonly bar: CandleBar;
  readonly closed: boolean;
  /** Event time. */
  readonly ts: TimestampMs;
}

/**
 * What a feed says about itself: `connected`, `disconnected` (a reconnect is scheduled),
 * `stale` (nothing received for too long; it reconnects), `gap` (a depth diff did not follow the
 * previous one, or the snapshot was too old: the book is being rebuilt), `resynced` (the book was
 * rebuilt from a snapshot), `crossed` (best bid ≥ best ask: rebuilt too), `error` (a message or
 * snapshot that could not be parsed; the message says why).
 */
export type FeedStatus =
  | 'connected'
  | 'disconnected'
  | 'stale'
  | 'gap'
  | 'resynced'
  | 'crossed'
  | 'error';

/** A status event of a feed; `symbol` is null when it concerns the whole connection. */
export interface StatusUpdate {
  readonly kind: 'status';
  readonly symbol: SymbolId | null;
  readonly status: FeedStatus;
  readonly message: string;
  readonly ts: TimestampMs;
}

/** One market data update delivered by a feed: plain data, serializable as-is (NDJSON). */
export type MarketUpdate =
  | TradeUpdate
  | BookTickerUpdate
  | DepthUpdate
  | KlineUpdate
  | StatusUpdate;

/** The `kind` of a `MarketUpdate`. */
export type MarketUpdateKind = MarketUpdate['kind'];

/** A source of market data: history replay in backtests, a live stream in paper and live. */
export interface MarketFeed {
  /** Starts delivery; returns a function that stops it. */
  subscribe(symbols: readonly SymbolId[], onUpdate: (u: MarketUpdate) => void): () => void;
}
