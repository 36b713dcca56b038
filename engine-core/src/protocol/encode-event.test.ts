import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../model/events';
import { asset, type ClientOrderId, clientOrderId, symbolId, timestampMs } from '../model/ids';
import type { OrderRequest, OrderState } from '../model/order';
import { encodeEvent } from './encode-event';

const TS = timestampMs(1700000000123);
const NS = '1700000000123000000';
const id = clientOrderId('a1');
const symbol = symbolId('BTCUSDT');

const limit: OrderRequest = {
  type: 'LIMIT',
  price: 49000,
  clientOrderId: id,
  symbol,
  side: 'BUY',
  qty: 0.01,
  tif: 'GTC',
  postOnly: false,
  reduceOnly: false,
};
const stop: OrderRequest = {
  type: 'STOP_LIMIT',
  stopPrice: 51000,
  price: 51100,
  clientOrderId: clientOrderId('s1'),
  symbol,
  side: 'SELL',
  qty: 2,
  tif: 'IOC',
  postOnly: false,
  reduceOnly: true,
};

const state: OrderState = {
  request: limit,
  status: 'PARTIALLY_FILLED',
  venueOrderId: 'v1',
  executedQty: 0.004,
  cumQuote: 196,
  fees: 0.1,
  reserved: null,
  triggered: false,
  reason: null,
  createdTs: timestampMs(1700000000000),
  lastTs: TS,
  seq: 1,
};

const lookup = (cid: ClientOrderId): OrderState | undefined => (cid === id ? state : undefined);

/** The one line of an event, checked for the wire invariants. */
function lines(e: EngineEvent, withLookup = false): string[] {
  const out = encodeEvent(e, withLookup ? lookup : undefined);
  for (const line of out) {
    expect(line.startsWith('{"type":')).toBe(true);
    expect(line).not.toContain('\n');
    expect(Object.keys(JSON.parse(line))[0]).toBe('type');
    // A field named `type` would silently overwrite the event type: the parsed type must match.
    expect(JSON.parse(line).type).toBe(line.slice(9, line.indexOf('"', 9)));
    if (line.includes('"ts_ns"')) expect(line).toContain(`,"ts_ns":${NS},`);
  }
  return out;
}

describe('encodeEvent', () => {
  it('writes ts_ns as exact digits right after type', () => {
    const [line] = lines({ type: 'market_updated', ts: TS, symbol, price: 50000 });
    expect(line).toBe(`{"type":"market","ts_ns":${NS},"symbol":"BTCUSDT","price":50000}`);
    // A float would have come out as 1700000000123000000 only by luck: check the digits survive.
    expect(line).toContain('"ts_ns":1700000000123000000');
  });

  it('order_submitted → order_update NEW', () => {
    expect(
      lines({ type: 'order_submitted', ts: TS, request: limit, seq: 1, reserved: null }),
    ).toEqual([
      `{"type":"order_update","ts_ns":${NS},"client_order_id":"a1","status":"NEW","symbol":"BTCUSDT","side":"BUY","qty":0.01,"price":49000,"order_type":"LIMIT","stop":null}`,
    ]);
    const [s] = lines({ type: 'order_submitted', ts: TS, request: stop, seq: 2, reserved: null });
    expect(JSON.parse(s ?? '')).toMatchObject({
      type: 'order_update',
      price: 51100,
      order_type: 'STOP_LIMIT',
      stop: 51000,
    });
  });

  it('order_denied → order_update REJECTED with the reason', () => {
    expect(
      lines({
        type: 'order_denied',
        ts: TS,
        request: limit,
        seq: 1,
        reason: 'max_order_notional: 60000 > 50000',
      }),
    ).toEqual([
      `{"type":"order_update","ts_ns":${NS},"client_order_id":"a1","status":"REJECTED","symbol":"BTCUSDT","side":"BUY","qty":0.01,"price":49000,"reason":"max_order_notional: 60000 > 50000"}`,
    ]);
  });

  it('order_accepted → order_update ACCEPTED, with lookup fields when given', () => {
    const e: EngineEvent = {
      type: 'order_accepted',
      ts: TS,
      clientOrderId: id,
      venueOrderId: 'v1',
    };
    expect(lines(e)).toEqual([
      `{"type":"order_update","ts_ns":${NS},"client_order_id":"a1","venue_order_id":"v1","status":"ACCEPTED"}`,
    ]);
    expect(lines(e, true)).toEqual([
      `{"type":"order_update","ts_ns":${NS},"client_order_id":"a1","venue_order_id":"v1","status":"ACCEPTED","symbol":"BTCUSDT","side":"BUY","qty":0.01,"price":49000}`,
    ]);
  });

  it.each([
    ['order_rejected', 'REJECTED', 'insufficient balance'],
    ['order_cancelled', 'CANCELLED', null],
    ['order_expired', 'EXPIRED', 'IOC remainder'],
  ] as const)('%s → order_update %s', (type, status, reason) => {
    const e = { type, ts: TS, clientOrderId: id, reason } as EngineEvent;
    expect(lines(e)).toEqual([
      `{"type":"order_update","ts_ns":${NS},"client_order_id":"a1","status":"${status}","reason":${JSON.stringify(reason)}}`,
    ]);
    expect(lines(e, true)).toEqual([
      `{"type":"order_update","ts_ns":${NS},"client_order_id":"a1","status":"${status}","symbol":"BTCUSDT","side":"BUY","qty":0.01,"price":49000,"reason":${JSON.stringify(reason)}}`,
    ]);
  });

  it('order_triggered → order_update with triggered: true', () => {
    const e: EngineEvent = { type: 'order_triggered', ts: TS, clientOrderId: id };
    expect(lines(e)).toEqual([
      `{"type":"order_update","ts_ns":${NS},"client_order_id":"a1","status":"ACCEPTED","triggered":true}`,
    ]);
    expect(lines(e, true)).toEqual([
      `{"type":"order_update","ts_ns":${NS},"client_order_id":"a1","status":"PARTIALLY_FILLED","symbol":"BTCUSDT","side":"BUY","qty":0.01,"price":49000,"triggered":true}`,
    ]);
  });

  it('order_filled → fill then order_update', () => {
    const e: EngineEvent = {
      type: 'order_filled',
      ts: TS,
      clientOrderId: id,
      symbol,
      side: 'BUY',
      status: 'PARTIALLY_FILLED',
      qty: 0.004,
      price: 49000,
      fee: 0.1,
      feeAsset: asset('usdt'),
      liquidity: 'MAKER',
    };
    const fill = `{"type":"fill","ts_ns":${NS},"client_order_id":"a1","symbol":"BTCUSDT","side":"BUY","qty":0.004,"price":49000,"fee":0.1,"fee_asset":"USDT","liquidity":"MAKER"}`;
    expect(lines(e)).toEqual([
      fill,
      `{"type":"order_update","ts_ns":${NS},"client_order_id":"a1","status":"PARTIALLY_FILLED","symbol":"BTCUSDT","side":"BUY"}`,
    ]);
    expect(lines(e, true)).toEqual([
      fill,
      `{"type":"order_update","ts_ns":${NS},"client_order_id":"a1","status":"PARTIALLY_FILLED","symbol":"BTCUSDT","side":"BUY","executed_qty":0.004,"avg_price":49000}`,
    ]);
  });

  it('market_updated, kill_switch_tripped and funds_deposited', () => {
    expect(
      lines({ type: 'kill_switch_tripped', ts: TS, reason: 'max_drawdown: 0.3 > 0.2' }),
    ).toEqual([`{"type":"kill_switch","ts_ns":${NS},"reason":"max_drawdown: 0.3 > 0.2"}`]);
    expect(lines({ type: 'funds_deposited', ts: TS, asset: asset('USDT'), amount: 10000 })).toEqual(
      [],
    );
  });

  it('duplicate_order_rejected, cancel_rejected and cancel_ignored → order_update', () => {
    expect(
      lines({
        type: 'duplicate_order_rejected',
        ts: TS,
        request: limit,
        reason: 'duplicate client_order_id',
      }),
    ).toEqual([
      `{"type":"order_update","ts_ns":${NS},"client_order_id":"a1","status":"REJECTED","reason":"duplicate client_order_id"}`,
    ]);
    expect(
      lines({
        type: 'cancel_rejected',
        ts: TS,
        clientOrderId: clientOrderId('zz'),
        reason: 'unknown client_order_id',
      }),
    ).toEqual([
      `{"type":"order_update","ts_ns":${NS},"client_order_id":"zz","status":"REJECTED","reason":"unknown client_order_id"}`,
    ]);
    const filled: OrderState = { ...state, status: 'FILLED', executedQty: 0.01, cumQuote: 490 };
    expect(lines({ type: 'cancel_ignored', ts: TS, order: filled })).toEqual([
      `{"type":"order_update","ts_ns":${NS},"client_order_id":"a1","status":"FILLED","reason":null}`,
    ]);
  });

  it('order_reported → order_state, with last_ts_ns exact', () => {
    expect(lines({ type: 'order_reported', ts: TS, order: state })).toEqual([
      `{"type":"order_state","ts_ns":${NS},"client_order_id":"a1","status":"PARTIALLY_FILLED","symbol":"BTCUSDT","side":"BUY","order_qty":0.01,"limit_price":49000,"venue_order_id":"v1","executed_qty":0.004,"avg_price":49000,"reason":null,"last_ts_ns":${NS},"order_type":"LIMIT","stop":null,"tif":"GTC","triggered":false}`,
    ]);
  });

  it('orders_reported → one order_state per order', () => {
    const other: OrderState = {
      ...state,
      request: stop,
      status: 'ACCEPTED',
      executedQty: 0,
      cumQuote: 0,
      venueOrderId: null,
      lastTs: timestampMs(0),
    };
    const out = lines({ type: 'orders_reported', ts: TS, orders: [state, other] });
    expect(out).toHaveLength(2);
    expect(JSON.parse(out[1] ?? '')).toEqual({
      type: 'order_state',
      ts_ns: Number(NS),
      client_order_id: 's1',
      status: 'ACCEPTED',
      symbol: 'BTCUSDT',
      side: 'SELL',
      order_qty: 2,
      limit_price: 51100,
      venue_order_id: null,
      executed_qty: 0,
      avg_price: 0,
      reason: null,
      last_ts_ns: 0,
      order_type: 'STOP_LIMIT',
      stop: 51000,
      tif: 'IOC',
      triggered: false,
    });
    expect(out[1]).toContain('"last_ts_ns":0,');
    expect(lines({ type: 'orders_reported', ts: TS, orders: [] })).toEqual([]);
  });

  it('account_reported → account with balances', () => {
    expect(
      lines({
        type: 'account_reported',
        ts: TS,
        balances: [
          { asset: asset('USDT'), free: 9510, locked: 490 },
          { asset: asset('BTC'), free: 0.01, locked: 0 },
        ],
      }),
    ).toEqual([
      `{"type":"account","ts_ns":${NS},"balances":[{"asset":"USDT","free":9510,"locked":490},{"asset":"BTC","free":0.01,"locked":0}]}`,
    ]);
  });

  it('position_reported and positions_reported → position lines', () => {
    const p = {
      symbol,
      qty: -0.5,
      avgPrice: 50000,
      realizedPnl: 12.5,
      unrealizedPnl: -3,
      markPrice: 50006,
      liquidationPrice: null,
    };
    const expected = `{"type":"position","ts_ns":${NS},"symbol":"BTCUSDT","qty":-0.5,"avg_price":50000,"realized_pnl":12.5,"unrealized_pnl":-3}`;
    expect(lines({ type: 'position_reported', ts: TS, position: p })).toEqual([expected]);
    expect(lines({ type: 'positions_reported', ts: TS, positions: [p, p] })).toEqual([
      expected,
      expected,
    ]);
  });

  it('command_failed → error, with client_order_id only when known', () => {
    expect(
      lines({ type: 'command_failed', ts: TS, message: 'venue down', clientOrderId: id }),
    ).toEqual([`{"type":"error","ts_ns":${NS},"message":"venue down","client_order_id":"a1"}`]);
    expect(
      lines({ type: 'command_failed', ts: TS, message: 'venue down', clientOrderId: null }),
    ).toEqual([`{"type":"error","ts_ns":${NS},"message":"venue down"}`]);
  });

  it('escapes strings so that every line is one valid JSON object', () => {
    const [line] = lines({
      type: 'kill_switch_tripped',
      ts: TS,
      reason: 'a "quoted"\nline \u2028 😀',
    });
    expect(JSON.parse(line ?? '').reason).toBe('a "quoted"\nline \u2028 😀');
  });
});
