import { describe, expect, it } from 'vitest';
import { clientOrderId, symbolId, timestampMs } from '../model/ids';
import { encodeError, encodeReceived } from './encode-input';
import { encodeWire, exactNs, nsDigits } from './encode-wire';

const TS = 1700000000123;
const NS = '1700000000123000000';

describe('nsDigits / encodeWire', () => {
  it('writes exact nanoseconds', () => {
    expect(nsDigits(TS)).toBe(NS);
    expect(nsDigits(0)).toBe('0');
    expect(nsDigits(1)).toBe('1000000');
    expect(nsDigits(-5)).toBe('-5000000');
    expect(nsDigits(2 ** 60)).toBe((2n ** 60n * 1_000_000n).toString());
    expect(nsDigits(1.4)).toBe('1000000');
    expect(nsDigits(Number.NaN)).toBeNull();
    expect(nsDigits(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('puts type first, then ts_ns, then the fields in order, skipping undefined', () => {
    expect(
      encodeWire('x', TS, { b: 1, a: 'z', skip: undefined, n: null, last_ts_ns: exactNs(5) }),
    ).toBe(`{"type":"x","ts_ns":${NS},"b":1,"a":"z","n":null,"last_ts_ns":5000000}`);
    expect(encodeWire('x', null, { a: [1, { b: 2 }] })).toBe('{"type":"x","a":[1,{"b":2}]}');
    expect(encodeWire('x', 0, {})).toBe('{"type":"x","ts_ns":0}');
    expect(encodeWire('x', Number.NaN, {})).toBe('{"type":"x"}');
    expect(exactNs(null)).toBeNull();
    expect(JSON.parse(encodeWire('x', 0, { ts: exactNs(TS) }))).toEqual({
      type: 'x',
      ts_ns: 0,
      ts: Number(NS),
    });
  });

  it('refuses reserved field names (a programmer bug)', () => {
    expect(() => encodeWire('x', 0, { type: 'y' })).toThrow(/reserved/);
    expect(() => encodeWire('x', 0, { ts_ns: 1 })).toThrow(/reserved/);
  });
});

describe('encodeError', () => {
  it('writes message, line and input', () => {
    expect(encodeError('qty must be > 0', 6, 'ORDER BUY BTCUSDT -1 49000 a2', TS)).toBe(
      `{"type":"error","ts_ns":${NS},"message":"qty must be > 0","line":6,"input":"ORDER BUY BTCUSDT -1 49000 a2"}`,
    );
    expect(encodeError('boom', null, null, null)).toBe('{"type":"error","message":"boom"}');
  });

  it('cuts the input to 200 characters without splitting a surrogate pair', () => {
    const long = JSON.parse(encodeError('m', 1, 'x'.repeat(500), TS));
    expect(long.input).toBe('x'.repeat(200));
    const emoji = JSON.parse(encodeError('m', 1, `${'x'.repeat(199)}😀tail`, TS));
    expect(emoji.input).toBe('x'.repeat(199));
    const exact = JSON.parse(encodeError('m', 1, `${'x'.repeat(198)}😀tail`, TS));
    expect(exact.input).toBe(`${'x'.repeat(198)}😀`);
  });
});

describe('encodeReceived', () => {
  const id = clientOrderId('a1');
  it('echoes an order', () => {
    expect(
      encodeReceived(
        {
          type: 'submit_order',
          request: {
            type: 'STOP_LIMIT',
            stopPrice: 51000,
            price: 51100,
            clientOrderId: id,
            symbol: symbolId('BTCUSDT'),
            side: 'SELL',
            qty: 2,
            tif: 'IOC',
            postOnly: false,
            reduceOnly: true,
          },
        },
        TS,
      ),
    ).toBe(
      `{"type":"order_received","ts_ns":${NS},"client_order_id":"a1","side":"SELL","symbol":"BTCUSDT","qty":2,"price":51100,"order_type":"STOP_LIMIT","stop":51000,"tif":"IOC","post_only":false,"reduce_only":true}`,
    );
  });

  it('echoes cancel, query and exec; not a market tick', () => {
    expect(encodeReceived({ type: 'cancel_order', clientOrderId: id }, TS)).toBe(
      `{"type":"cancel_received","ts_ns":${NS},"client_order_id":"a1"}`,
    );
    expect(encodeReceived({ type: 'query', what: 'order', clientOrderId: id }, TS)).toBe(
      `{"type":"query_received","ts_ns":${NS},"what":"order","client_order_id":"a1"}`,
    );
    expect(encodeReceived({ type: 'query', what: 'account' }, null)).toBe(
      '{"type":"query_received","what":"account"}',
    );
    expect(
      encodeReceived(
        { type: 'market_tick', symbol: symbolId('BTCUSDT'), price: 1, ts: timestampMs(1) },
        TS,
      ),
    ).toBeNull();
    expect(
      encodeReceived(
        {
          type: 'execution_report',
          clientOrderId: id,
          status: 'FILLED',
          fillQty: 1,
          fillPrice: 2,
          fee: null,
          feeAsset: null,
          venueOrderId: null,
          reason: null,
          liquidity: null,
        },
        TS,
      ),
    ).toBe(`{"type":"exec_received","ts_ns":${NS},"client_order_id":"a1","status":"FILLED"}`);
  });
});
