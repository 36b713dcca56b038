import { describe, expect, it } from 'vitest';
import type { LiveOrder } from '../../live';
import { balanceRows, fillRows, finishedOrders, openOrderRows, positionRows } from './live-rows';

const order = (id: string, status: string, ts: number): LiveOrder => ({
  clientOrderId: id,
  status,
  symbol: 'BTCUSDT',
  side: 'BUY',
  qty: 0.01,
  price: 49000,
  stopPrice: null,
  type: 'LIMIT',
  tif: 'GTC',
  postOnly: false,
  reduceOnly: false,
  venueOrderId: null,
  executedQty: status === 'PARTIALLY_FILLED' ? 0.004 : 0,
  avgPrice: 0,
  reason: null,
  ts,
});

describe('live rows', () => {
  const orders = [
    order('a', 'ACCEPTED', 1),
    order('b', 'FILLED', 2),
    order('c', 'PARTIALLY_FILLED', 3),
    order('d', 'CANCELLED', 4),
    order('e', 'NEW', 5),
    order('f', 'REJECTED', 6),
  ];

  it('open orders are the working ones, newest first, with what has filled', () => {
    const rows = openOrderRows(orders);
    expect(rows.map((r) => r.clientOrderId)).toEqual(['e', 'c', 'a']);
    expect(rows[1]).toMatchObject({ filledQty: 0.004, createdTs: 3, status: 'PARTIALLY_FILLED' });
  });

  it('finished orders are the rest, newest first, capped', () => {
    expect(finishedOrders(orders, 2).map((o) => o.clientOrderId)).toEqual(['f', 'd']);
  });

  it('fills go oldest first; positions take the last price as mark', () => {
    const f = (ts: number) => ({
      ts,
      clientOrderId: 'a',
      symbol: 'BTCUSDT',
      side: 'BUY' as const,
      qty: 1,
      price: 2,
      fee: 0,
      feeAsset: 'USDT',
      liquidity: 'MAKER' as const,
    });
    expect(fillRows([f(3), f(1), f(2)]).map((r) => r.ts)).toEqual([1, 2, 3]);
    const pos = {
      symbol: 'BTCUSDT',
      qty: 1,
      avgPrice: 2,
      realizedPnl: 0,
      unrealizedPnl: 0,
      liquidationPrice: null,
    };
    expect(positionRows([pos], { BTCUSDT: 3 })[0]?.markPrice).toBe(3);
    expect(positionRows([pos], {})[0]?.markPrice).toBeNull();
  });

  it('balances leave out empty assets', () => {
    expect(
      balanceRows([
        { asset: 'USDT', free: 1, locked: 0 },
        { asset: 'BNB', free: 0, locked: 0 },
        { asset: 'BTC', free: 0, locked: 0.5 },
      ]).map((b) => b.asset),
    ).toEqual(['BTC', 'USDT']);
  });
});
