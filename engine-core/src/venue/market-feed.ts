import type { SymbolId, TimestampMs } from '../model';

/** One market data update delivered by a feed. */
export type MarketUpdate = {
  readonly kind: 'trade';
  readonly symbol: SymbolId;
  readonly price: number;
  readonly qty: number;
  readonly ts: TimestampMs;
};

/** A source of market data: history replay in backtests, a live stream in paper and live. */
export interface MarketFeed {
  /** Starts delivery; returns a function that stops it. */
  subscribe(symbols: readonly SymbolId[], onUpdate: (u: MarketUpdate) => void): () => void;
}
