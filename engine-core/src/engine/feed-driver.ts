import type { EngineEvent, SymbolId } from '../model';
import type { MarketFeed } from '../venue';
import type { Engine } from './engine';

/**
 * Connects a `MarketFeed` to an engine: every trade becomes a `market_tick` command, so the
 * simulated venue fills against a live or replayed stream exactly as it does against `MARKET`
 * lines; the other updates (book, klines, status) are not the engine's. Returns the function
 * that stops the feed.
 */
export function driveFromFeed(
  engine: Engine,
  feed: MarketFeed,
  symbols: readonly SymbolId[],
  onEvents: (events: readonly EngineEvent[]) => void,
): () => void {
  return feed.subscribe(symbols, (u) => {
    if (u.kind !== 'trade') return;
    onEvents(engine.handle({ type: 'market_tick', symbol: u.symbol, price: u.price, ts: u.ts }));
  });
}
