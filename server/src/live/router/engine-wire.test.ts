// The router's reading of the engine's lines, checked against what the real engine prints (the
// in-process link runs the same Engine, parser and encoder as the stdio process).
import { describe, expect, it } from 'vitest';
import {
  parseAccount,
  parseCancelReceived,
  parseEngineError,
  parseOrderState,
  parseReceived,
  parseUpdate,
} from './engine-wire';
import { InProcessEngineLink } from './testing/in-process-engine-link';

describe('engine-wire against the real engine', () => {
  it('reads an order from its echo, its NEW update and its state', async () => {
    const link = new InProcessEngineLink({ balances: { USDT: 10_000 } });
    await link.send('MARKET BTCUSDT 50000');
    const events = await link.send(
      'ORDER BUY BTCUSDT 0.01 51500 s1 type=STOP_LIMIT stop=51000 tif=IOC',
    );
    const received = events.map(parseReceived).find((r) => r !== null);
    expect(received).toEqual({
      clientOrderId: 's1',
      type: 'STOP_LIMIT',
      tif: 'IOC',
      postOnly: false,
      reduceOnly: false,
    });
    const update = events.map(parseUpdate).find((u) => u !== null);
    expect(update).toMatchObject({
      clientOrderId: 's1',
      status: 'NEW',
      symbol: 'BTCUSDT',
      side: 'BUY',
      qty: 0.01,
      price: 51_500,
      type: 'STOP_LIMIT',
      stopPrice: 51_000,
    });
    const state = (await link.query('ORDERS')).map(parseOrderState).find((s) => s !== null);
    expect(state).toEqual({
      clientOrderId: 's1',
      status: 'NEW',
      symbol: 'BTCUSDT',
      side: 'BUY',
      qty: 0.01,
      price: 51_500,
      stopPrice: 51_000,
      type: 'STOP_LIMIT',
      tif: 'IOC',
      executedQty: 0,
    });
  });

  it('reads fills (executed qty), the account, cancels and errors', async () => {
    const link = new InProcessEngineLink({ balances: { USDT: 10_000 } });
    await link.send('MARKET BTCUSDT 50000');
    await link.send('ORDER BUY BTCUSDT 0.01 49000 f1');
    const acc = await link.exec({
      kind: 'status',
      clientOrderId: 'f1',
      status: 'ACCEPTED',
      venueOrderId: 'V7',
      tsMs: 0,
    });
    expect(acc.map(parseUpdate).find((u) => u !== null)).toMatchObject({
      status: 'ACCEPTED',
      venueOrderId: 'V7',
      symbol: 'BTCUSDT',
    });
    const fill = await link.exec({
      kind: 'fill',
      clientOrderId: 'f1',
      status: 'PARTIALLY_FILLED',
      venueOrderId: 'V7',
      tradeId: 'x',
      fillQty: 0.004,
      fillPrice: 49_000,
      fee: 0,
      feeAsset: 'USDT',
      liquidity: 'MAKER',
      tsMs: 0,
    });
    expect(fill.map(parseUpdate).find((u) => u !== null)).toMatchObject({
      status: 'PARTIALLY_FILLED',
      executedQty: 0.004,
      symbol: 'BTCUSDT',
    });
    // The reserve is notional + taker fee (10 bps); 40 % of it is released, 196 paid, no fee.
    const reserved = 0.01 * 49_000 * 1.001;
    const account = fill.map(parseAccount).find((a) => a !== null);
    expect(account?.map((b) => b.asset)).toEqual(['USDT', 'BTC']);
    expect(account?.[0]?.free).toBeCloseTo(10_000 - reserved + 0.4 * reserved - 196, 9);
    expect(account?.[0]?.locked).toBeCloseTo(0.6 * reserved, 9);
    expect(account?.[1]).toEqual({ asset: 'BTC', free: 0.004, locked: 0 });
    const cancel = await link.send('CANCEL f1');
    expect(cancel.map(parseCancelReceived)).toContain('f1');
    const tooMuch = await link.exec({
      kind: 'fill',
      clientOrderId: 'f1',
      status: 'FILLED',
      venueOrderId: 'V7',
      tradeId: 'y',
      fillQty: 0.5,
      fillPrice: 49_000,
      fee: 0,
      feeAsset: 'USDT',
      liquidity: 'MAKER',
      tsMs: 0,
    });
    expect(tooMuch.map(parseEngineError).find((x) => x !== null)).toEqual({
      message: 'fill_qty 0.5 exceeds remaining 0.006',
      clientOrderId: 'f1',
    });
  });

  it('updates about another order with the same id carry no symbol (the router ignores them)', async () => {
    const link = new InProcessEngineLink({ balances: { USDT: 10_000 } });
    await link.send('MARKET BTCUSDT 50000');
    await link.send('ORDER BUY BTCUSDT 0.01 49000 d1');
    const dup = await link.send('ORDER BUY BTCUSDT 0.01 49000 d1');
    const u = dup.map(parseUpdate).find((x) => x !== null);
    expect(u).toMatchObject({
      clientOrderId: 'd1',
      status: 'REJECTED',
      reason: 'duplicate client_order_id',
    });
    expect(u?.symbol).toBeUndefined();
  });

  it('ignores lines that are not what it reads', () => {
    expect(parseUpdate({ type: 'order_update', client_order_id: 'a', status: 'WEIRD' })).toBeNull();
    expect(parseReceived({ type: 'order_update' })).toBeNull();
    expect(parseAccount({ type: 'account', balances: [{ asset: 'X' }] })).toBeNull();
    expect(parseOrderState({ type: 'order_state' })).toBeNull();
  });
});
