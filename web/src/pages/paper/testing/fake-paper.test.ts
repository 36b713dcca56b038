import { describe, expect, it } from 'vitest';
import type { TicketOrder } from '../../../paper/paper-api';
import { createFakePaper } from './fake-paper';

/** A fake with a manual timer: nothing moves unless the test steps it. */
const manual = () => createFakePaper({ every: () => () => {}, now: () => 1_700_000_000_000 });

const limitBuy = (price: number, qty = 0.01): TicketOrder => ({
  type: 'LIMIT',
  side: 'BUY',
  qty,
  price,
  tif: 'GTC',
  postOnly: false,
  reduceOnly: false,
});

describe('fake paper engine', () => {
  it('builds candles and a book once a feed is set', async () => {
    const f = manual();
    expect(f.store.getState().feed).toBeNull();
    const r = await f.commands.setFeed({
      source: 'replay',
      symbol: 'BTCUSDT',
      datasetId: 'sample',
      speed: 600,
    });
    expect(r.ok).toBe(true);
    f.step(2);
    expect(f.store.getState().book.bids).toHaveLength(0); // still building
    f.step(10);
    const v = f.store.getState();
    expect(v.book.bids).toHaveLength(20);
    expect(v.book.asks).toHaveLength(20);
    expect(v.book.bids[0]?.[0]).toBeLessThan(v.book.asks[0]?.[0] ?? 0);
    // 12 ticks × 100 ms × 600 = 12 market minutes
    expect(v.candles.length).toBeGreaterThanOrEqual(11);
    expect(v.quality?.spreadBps).toBeGreaterThan(0);
  });

  it('rests a limit order below the market, cancels it and frees the cash', async () => {
    const f = manual();
    await f.commands.setFeed({ source: 'binance', symbol: 'BTCUSDT' });
    f.step(5);
    const r = await f.commands.submit(limitBuy(20_000));
    expect(r).toEqual({ ok: true, clientOrderId: 'paper-1' });
    expect(f.store.getState().openOrders.map((o) => o.price)).toEqual([20_000]);
    expect(f.store.getState().balances.find((b) => b.asset === 'USDT')?.locked).toBeCloseTo(
      200.2,
      6,
    );
    expect((await f.commands.cancel('paper-1')).ok).toBe(true);
    expect(f.store.getState().openOrders).toEqual([]);
    const usdt = f.store.getState().balances.find((b) => b.asset === 'USDT');
    expect(usdt?.free).toBeCloseTo(10_000, 6);
    expect(usdt?.locked).toBeCloseTo(0, 6);
  });

  it('refuses what it cannot pay for, and orders without a feed', async () => {
    const f = manual();
    expect((await f.commands.submit(limitBuy(20_000))).ok).toBe(false);
    await f.commands.setFeed({ source: 'binance', symbol: 'BTCUSDT' });
    const r = await f.commands.submit(limitBuy(20_000, 1));
    expect(r).toEqual({
      ok: false,
      error: 'insufficient_funds: need 20020.00 USDT, free 10000.00',
    });
  });

  it('fills a crossing limit order at once and opens a position', async () => {
    const f = manual();
    await f.commands.setFeed({ source: 'binance', symbol: 'BTCUSDT' });
    f.step(5);
    const ask = f.store.getState().book.asks[0]?.[0] ?? 0;
    await f.commands.submit(limitBuy(ask + 100));
    const v = f.store.getState();
    expect(v.openOrders).toEqual([]);
    expect(v.fills).toHaveLength(1);
    expect(v.fills[0]).toMatchObject({ side: 'BUY', qty: 0.01, price: ask, liquidity: 'TAKER' });
    expect(v.positions[0]).toMatchObject({ symbol: 'BTCUSDT', qty: 0.01, avgPrice: ask });
  });
});
