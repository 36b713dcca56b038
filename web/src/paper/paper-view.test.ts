import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../engine-core/src/clock';
import { Engine, type EngineConfig } from '../../../engine-core/src/engine';
import { KNOWN_INSTRUMENTS } from '../../../engine-core/src/instruments';
import { OrderBook } from '../../../engine-core/src/market';
import { asset, symbolId } from '../../../engine-core/src/model';
import { NO_RISK_LIMITS } from '../../../engine-core/src/risk';
import { order } from '../../../engine-core/src/testing/engine-fixtures';
import { SimulatedVenue } from '../../../engine-core/src/venue';
import { accountView, BOOK_LEVELS, bookLevels, openOrderRows } from './paper-view';

const BTC = symbolId('BTCUSDT');
const CONFIG: EngineConfig = {
  accountAsset: asset('USDT'),
  instruments: KNOWN_INSTRUMENTS,
  fees: { makerBps: 10, takerBps: 10 },
  risk: NO_RISK_LIMITS,
  marketProtection: 0.05,
};

describe('paper view from the engine state', () => {
  it('balances, positions, open orders, equity and P&L, checked by hand', () => {
    const clock = new VirtualClock(1_000);
    const engine = new Engine(
      CONFIG,
      clock,
      new SimulatedVenue({ latencyMs: 0, marketProtection: 0.05 }),
    );
    engine.deposit(asset('USDT'), 10_000);
    engine.handle({ type: 'market_tick', symbol: BTC, price: 100, ts: null });
    engine.handle(order('t1', 'BUY', 2, { type: 'MARKET' })); // fills at the last price, 100
    engine.handle({ type: 'market_tick', symbol: BTC, price: 110, ts: null });
    engine.handle(order('t2', 'SELL', 1, { type: 'LIMIT', price: 150 }, { postOnly: true }));
    engine.handle({ type: 'market_tick', symbol: BTC, price: 120, ts: null });
    const v = accountView(engine);
    // Bought 2 at 100 with a 0.1 % fee: 10 000 − 200 − 0.2 USDT; 1 BTC of 2 locked by the sell.
    expect(v.balances).toEqual([
      { asset: 'USDT', free: 10_000 - 200 - 0.2, locked: 0 },
      { asset: 'BTC', free: 1, locked: 1 },
    ]);
    expect(v.positions.map((p) => [p.symbol, p.qty, p.avgPrice, p.unrealizedPnl])).toEqual([
      ['BTCUSDT', 2, 100, 40],
    ]);
    expect(v.unrealizedPnl).toBe(40);
    expect(v.realizedPnl).toBe(0);
    expect(v.equity).toBeCloseTo(10_000 - 200 - 0.2 + 2 * 120, 9);
    expect(v.openOrders).toEqual([
      {
        clientOrderId: 't2',
        side: 'SELL',
        type: 'LIMIT',
        qty: 1,
        filledQty: 0,
        price: 150,
        stopPrice: null,
        tif: 'GTC',
        postOnly: true,
        reduceOnly: false,
        status: 'ACCEPTED',
        createdTs: 1_000,
      },
    ]);
    expect(openOrderRows(engine.state)).toEqual(v.openOrders);
  });

  it('book levels: the best BOOK_LEVELS per side, best first; none without a book', () => {
    expect(bookLevels(undefined)).toEqual({ bids: [], asks: [] });
    const b = new OrderBook(BTC);
    const bids: number[] = [];
    const asks: number[] = [];
    for (let i = 0; i < 30; i++) {
      bids.push(100 - i, 1 + i);
      asks.push(101 + i, 2 + i);
    }
    b.load(bids, asks, 1);
    const top = bookLevels(b);
    expect(top.bids).toHaveLength(BOOK_LEVELS);
    expect(top.bids[0]).toEqual([100, 1]);
    expect(top.asks[0]).toEqual([101, 2]);
    expect(top.asks[BOOK_LEVELS - 1]).toEqual([101 + BOOK_LEVELS - 1, 2 + BOOK_LEVELS - 1]);
  });
});
