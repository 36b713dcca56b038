import { describe, expect, it } from 'vitest';
import {
  asset,
  clientOrderId,
  type EngineEvent,
  symbolId,
  timestampMs,
} from '../../../engine-core/src/model';
import { order } from '../../../engine-core/src/testing/engine-fixtures';
import { logLine, logLines } from './paper-log';

const ts = timestampMs(5);
const req = (o: ReturnType<typeof order>) => (o.type === 'submit_order' ? o.request : undefined);

describe('logLine', () => {
  it('orders and funds in words; marks and reports left out', () => {
    const limit = req(order('t1', 'BUY', 0.5, { type: 'LIMIT', price: 100.5 }, { postOnly: true }));
    const stop = req(
      order('t2', 'SELL', 1, { type: 'STOP_LIMIT', stopPrice: 90, price: 89 }, { tif: 'IOC' }),
    );
    if (limit === undefined || stop === undefined) throw new Error('fixture');
    const events: EngineEvent[] = [
      { type: 'funds_deposited', ts, asset: asset('USDT'), amount: 10_000 },
      { type: 'order_submitted', ts, request: limit, seq: 1, reserved: null },
      { type: 'order_submitted', ts, request: stop, seq: 2, reserved: null },
      { type: 'order_denied', ts, request: stop, seq: 3, reason: 'min_notional: 5 < 10' },
      { type: 'market_updated', ts, symbol: symbolId('BTCUSDT'), price: 1 },
      {
        type: 'order_filled',
        ts,
        clientOrderId: clientOrderId('t1'),
        symbol: symbolId('BTCUSDT'),
        side: 'BUY',
        status: 'PARTIALLY_FILLED',
        qty: 0.1,
        price: 100.5,
        fee: 0.01005,
        feeAsset: asset('USDT'),
        liquidity: 'MAKER',
      },
      { type: 'order_cancelled', ts, clientOrderId: clientOrderId('t1'), reason: null },
      { type: 'account_reported', ts, balances: [] },
    ];
    expect(logLines(events).map((l) => l.text)).toEqual([
      'deposited 10000 USDT',
      't1 submitted: BUY 0.5 BTCUSDT LIMIT @ 100.5 (post-only)',
      't2 submitted: SELL 1 BTCUSDT STOP_LIMIT stop 90 limit 89 (IOC)',
      't2 denied: min_notional: 5 < 10',
      't1 partly filled: BUY 0.1 @ 100.5, fee 0.01005 USDT (maker)',
      't1 cancelled',
    ]);
    expect(logLine(events[1] as EngineEvent)).toMatchObject({ ts: 5, kind: 'order_submitted' });
  });
});
