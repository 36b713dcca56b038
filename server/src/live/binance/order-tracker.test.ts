import { describe, expect, it } from 'vitest';
import { OrderTracker } from './order-tracker';
import type { ExecutionReport } from './parse';

const base: ExecutionReport = {
  e: 'executionReport',
  E: 10,
  s: 'BTCUSDT',
  c: 'o1',
  S: 'BUY',
  o: 'LIMIT',
  q: 0.3,
  p: 100,
  C: '',
  x: 'NEW',
  X: 'NEW',
  r: 'NONE',
  i: 7,
  l: 0,
  z: 0,
  L: 0,
  n: 0,
  N: null,
  T: 10,
  t: -1,
  m: false,
};

const trade = (t: number, l: number, X: 'PARTIALLY_FILLED' | 'FILLED'): ExecutionReport => ({
  ...base,
  x: 'TRADE',
  X,
  t,
  l,
  L: 100,
  n: l * 0.001,
  N: 'BTC',
  m: true,
  T: 20 + t,
});

describe('OrderTracker', () => {
  it('reports ACCEPTED once, each trade once, and ends on FILLED', () => {
    const k = new OrderTracker();
    k.track('o1', 'BTCUSDT');
    const out = [
      ...k.onExecution(base),
      ...k.onExecution(base),
      ...k.onExecution(trade(1, 0.1, 'PARTIALLY_FILLED')),
      ...k.onExecution(trade(1, 0.1, 'PARTIALLY_FILLED')),
      ...k.onExecution(trade(2, 0.2, 'FILLED')),
    ];
    expect(out.map((r) => [r.status, r.kind === 'fill' ? r.tradeId : ''])).toEqual([
      ['ACCEPTED', ''],
      ['PARTIALLY_FILLED', '1'],
      ['FILLED', '2'],
    ]);
    expect(k.unfinished()).toEqual([]);
  });

  it("maps a cancel's event to the order's id (C), not the cancel request's (c)", () => {
    const k = new OrderTracker();
    k.track('o1', 'BTCUSDT');
    k.onExecution(base);
    const out = k.onExecution({ ...base, x: 'CANCELED', X: 'CANCELED', c: 'cancel-9', C: 'o1' });
    expect(out).toEqual([
      { kind: 'status', clientOrderId: 'o1', status: 'CANCELLED', venueOrderId: '7', tsMs: 10 },
    ]);
  });

  it('a REJECTED event is not preceded by ACCEPTED and carries the reason', () => {
    const k = new OrderTracker();
    const out = k.onExecution({ ...base, x: 'REJECTED', X: 'REJECTED', r: 'INSUFFICIENT_BALANCE' });
    expect(out).toEqual([
      {
        kind: 'status',
        clientOrderId: 'o1',
        status: 'REJECTED',
        venueOrderId: '7',
        tsMs: 10,
        reason: 'INSUFFICIENT_BALANCE',
      },
    ]);
  });

  it('reconciliation reports only the trades the stream missed, with cumulative statuses', () => {
    const k = new OrderTracker();
    k.track('o1', 'BTCUSDT');
    k.onExecution(base);
    k.onExecution(trade(1, 0.1, 'PARTIALLY_FILLED'));
    const t = (id: number, qty: number) => ({
      id,
      orderId: 7,
      price: 100,
      qty,
      commission: 0,
      commissionAsset: 'BTC',
      time: id,
      isMaker: true,
    });
    const out = k.onReconciled('o1', { orderId: 7, origQty: 0.3, status: 'FILLED', updateTs: 50 }, [
      t(3, 0.1),
      t(1, 0.1),
      t(2, 0.1),
    ]);
    expect(out.map((r) => [r.status, r.kind === 'fill' ? r.tradeId : ''])).toEqual([
      ['PARTIALLY_FILLED', '2'],
      ['FILLED', '3'],
    ]);
    expect(
      k.onReconciled('o1', { orderId: 7, origQty: 0.3, status: 'FILLED', updateTs: 60 }, [
        t(3, 0.1),
      ]),
    ).toEqual([]);
  });
});
