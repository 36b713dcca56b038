import { afterEach, describe, expect, it } from 'vitest';
import {
  fillsOf,
  type Harness,
  KEY,
  limitBuy,
  startHarness,
  statusesOf,
  until,
} from './testing/adapter-harness';

describe('BinanceSpotAdapter against the local exchange: orders', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('place → ACCEPTED, the price crosses → FILLED, with the venue trade as the fill', async () => {
    h = await startHarness();
    const r = await h.adapter.place(limitBuy('o1'));
    const venueOrderId = String(h.ex.controls.orders()[0]?.orderId);
    expect(r).toEqual({ ok: true, venueOrderId });
    await until(() => h.reports.length === 1);
    expect(h.reports[0]).toMatchObject({
      kind: 'status',
      clientOrderId: 'o1',
      status: 'ACCEPTED',
      venueOrderId,
    });
    h.ex.controls.setPrice('BTCUSDT', 18_900);
    await until(() => h.reports.length === 2);
    const trade = h.ex.controls.trades(KEY, 'BTCUSDT')[0];
    expect(h.reports[1]).toEqual({
      kind: 'fill',
      clientOrderId: 'o1',
      status: 'FILLED',
      venueOrderId,
      tradeId: String(trade?.id),
      fillQty: 0.1,
      fillPrice: 19_000,
      fee: 0.0001,
      feeAsset: 'BTC',
      liquidity: 'MAKER',
      tsMs: trade?.time,
    });
  });

  it('partial fills arrive as increments that sum to the order quantity, each tradeId once', async () => {
    h = await startHarness();
    h.ex.controls.fillInPieces(3);
    const r = await h.adapter.place(limitBuy('p1', { type: 'MARKET', price: undefined, qty: 0.1 }));
    expect(r.ok).toBe(true);
    await until(() => fillsOf(h.reports, 'p1').length === 3);
    const fills = fillsOf(h.reports, 'p1');
    expect(fills.map((f) => f.fillQty)).toEqual([0.03333, 0.03333, 0.03334]);
    expect(fills.reduce((a, f) => a + f.fillQty, 0)).toBeCloseTo(0.1, 12);
    expect(fills.map((f) => f.status)).toEqual(['PARTIALLY_FILLED', 'PARTIALLY_FILLED', 'FILLED']);
    expect(new Set(fills.map((f) => f.tradeId)).size).toBe(3);
    expect(fills.every((f) => f.liquidity === 'TAKER' && f.fillPrice === 20_000)).toBe(true);
  });

  it('cancel round trip: ok with the venue id, then CANCELLED; a second cancel is refused', async () => {
    h = await startHarness();
    const placed = await h.adapter.place(limitBuy('c1'));
    const cancelled = await h.adapter.cancel('c1', 'BTCUSDT');
    expect(cancelled).toEqual(placed);
    await until(() => statusesOf(h.reports, 'c1').includes('CANCELLED'));
    expect(statusesOf(h.reports, 'c1')).toEqual(['ACCEPTED', 'CANCELLED']);
    expect(await h.adapter.cancel('c1', 'BTCUSDT')).toEqual({
      ok: true,
      venueOrderId: (placed as { venueOrderId: string }).venueOrderId,
    });
    expect(await h.adapter.cancel('never', 'BTCUSDT')).toMatchObject({
      ok: false,
      kind: 'rejected',
    });
    expect(await h.adapter.queryOrder('c1', 'BTCUSDT')).toMatchObject({
      status: 'CANCELLED',
      qty: 0.1,
      executedQty: 0,
    });
    expect(await h.adapter.queryOrder('never', 'BTCUSDT')).toBeNull();
  });

  it('refuses locally with a precise reason, and passes on the venue refusal', async () => {
    h = await startHarness({ balances: { USDT: 100 } });
    expect(await h.adapter.place(limitBuy('n1', { qty: 0.0002 }))).toEqual({
      ok: false,
      kind: 'rejected',
      reason: 'NOTIONAL: 0.00020 × 19000.00 = 3.8 < minNotional 5',
    });
    expect(await h.adapter.place(limitBuy('bad id!'))).toMatchObject({
      kind: 'rejected',
      reason: expect.stringMatching(/letters, digits/),
    });
    expect(await h.adapter.place(limitBuy('n2', { symbol: 'ETHUSDT' }))).toMatchObject({
      kind: 'rejected',
      reason: expect.stringMatching(/unknown symbol ETHUSDT/),
    });
    expect(await h.adapter.place(limitBuy('n3'))).toEqual({
      ok: false,
      kind: 'rejected',
      reason: 'Binance -2010: Account has insufficient balance for requested action.',
    });
    expect(h.ex.controls.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('rounds price and quantity onto the grid before sending (a buy never pays more)', async () => {
    h = await startHarness();
    await h.adapter.place(limitBuy('g1', { qty: 0.123456789, price: 19_000.019 }));
    const post = h.ex.controls.requests.find((r) => r.method === 'POST');
    expect([post?.params.get('quantity'), post?.params.get('price')]).toEqual([
      '0.12345',
      '19000.01',
    ]);
  });

  it('post-only becomes LIMIT_MAKER; the venue refuses one that would take', async () => {
    h = await startHarness();
    const r = await h.adapter.place(limitBuy('m1', { postOnly: true, price: 21_000 }));
    expect(r).toEqual({
      ok: false,
      kind: 'rejected',
      reason: 'Binance -2010: Order would immediately match and take.',
    });
  });
});
