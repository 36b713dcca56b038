import { describe, expect, it } from 'vitest';
import { candlesFromColumns } from '../market/candles';
import { candleUpdates } from '../market/feed/candle-updates';
import { ManualScheduler } from '../market/feed/manual-scheduler';
import { ReplayFeed } from '../market/feed/replay-feed';
import { clientOrderId, type EngineEvent, type SymbolId, symbolId, timestampMs } from '../model';
import { makeEngine, order } from '../testing/engine-fixtures';
import type { MarketFeed, MarketUpdate } from '../venue';
import { driveFromFeed } from './feed-driver';

/** A feed that plays a fixed list of updates synchronously when subscribed. */
class ListFeed implements MarketFeed {
  stopped = false;
  constructor(private readonly _updates: readonly MarketUpdate[]) {}
  subscribe(symbols: readonly SymbolId[], onUpdate: (u: MarketUpdate) => void): () => void {
    for (const u of this._updates) {
      if (!this.stopped && (u.symbol === null || symbols.includes(u.symbol))) onUpdate(u);
    }
    return () => {
      this.stopped = true;
    };
  }
}

describe('driveFromFeed', () => {
  it('fills resting orders against the trades of a feed, like MARKET lines', () => {
    const { engine } = makeEngine();
    const sym = symbolId('BTCUSDT');
    const trade = (price: number, ts: number): MarketUpdate => ({
      kind: 'trade',
      symbol: sym,
      price,
      qty: 0.1,
      side: 'SELL',
      ts: timestampMs(ts),
    });
    // Book, kline and status updates are not ticks: a book ticker far below the limit fills nothing.
    const ticker: MarketUpdate = {
      kind: 'book_ticker',
      symbol: sym,
      bidPrice: 40_000,
      bidQty: 1,
      askPrice: 40_001,
      askQty: 1,
      updateId: 7,
      ts: timestampMs(2),
    };
    const status: MarketUpdate = {
      kind: 'status',
      symbol: null,
      status: 'connected',
      message: 'connected',
      ts: timestampMs(0),
    };
    const events: EngineEvent[] = [];
    engine.handle({ type: 'market_tick', symbol: sym, price: 50_000, ts: null });
    engine.handle(order('f1', 'BUY', 0.01, { type: 'LIMIT', price: 49_500 }));
    const feed = new ListFeed([
      status,
      trade(49_900, 1),
      ticker,
      trade(49_600, 2),
      trade(49_450, 3),
      trade(49_800, 4),
    ]);
    const stop = driveFromFeed(engine, feed, [sym], (e) => events.push(...e));
    const fills = events.filter((e) => e.type === 'order_filled');
    expect(fills).toHaveLength(1);
    expect(fills[0]).toMatchObject({ clientOrderId: 'f1', price: 49_500, liquidity: 'MAKER' });
    expect(engine.state.marks.get(sym)).toBe(49_800);
    expect(engine.state.orders.get(clientOrderId('f1'))?.status).toBe('FILLED');
    stop();
    expect(feed.stopped).toBe(true);
  });

  it('runs offline on a candle replay: the limit fills where the intrabar path reaches it', () => {
    const { engine } = makeEngine();
    const sym = symbolId('BTCUSDT');
    engine.handle({ type: 'market_tick', symbol: sym, price: 100, ts: null });
    engine.handle(order('r1', 'BUY', 1, { type: 'LIMIT', price: 96 }));
    // Bar 2 is a down bar (O→H→L→C): 99 → 101 → 95 → 97; the limit at 96 fills on the way to 95.
    const candles = candlesFromColumns('BTCUSDT', '1m', 60_000, {
      time: Float64Array.of(0, 60_000),
      open: Float64Array.of(100, 99),
      high: Float64Array.of(102, 101),
      low: Float64Array.of(98, 95),
      close: Float64Array.of(99, 97),
      volume: Float64Array.of(4, 4),
    });
    const clock = new ManualScheduler();
    const feed = new ReplayFeed({
      updates: candleUpdates(candles),
      scheduler: clock,
      speed: Number.POSITIVE_INFINITY,
    });
    const events: EngineEvent[] = [];
    driveFromFeed(engine, feed, [sym], (e) => events.push(...e));
    clock.runUntilIdle();
    expect(feed.state).toBe('ended');
    const fills = events.filter((e) => e.type === 'order_filled');
    expect(fills).toHaveLength(1);
    expect(fills[0]).toMatchObject({ clientOrderId: 'r1', price: 96 });
    expect(engine.state.marks.get(sym)).toBe(97);
  });
});
