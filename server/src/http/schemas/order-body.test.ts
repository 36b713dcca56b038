import { describe, expect, it } from 'vitest';
import { parseCancelBody } from './cancel-body';
import { parseCredentialsBody } from './credentials-body';
import { parseOrderBody } from './order-body';

const base = { side: 'BUY', symbol: 'BTCUSDT', qty: 0.5 };

describe('parseOrderBody', () => {
  it.each([
    [{ ...base }, { side: 'BUY', symbol: 'BTCUSDT', qty: 0.5, type: 'MARKET' }],
    [
      { ...base, price: 100 },
      { side: 'BUY', symbol: 'BTCUSDT', qty: 0.5, type: 'LIMIT', price: 100 },
    ],
    [
      {
        side: 'sell',
        symbol: 'ethusdt',
        qty: 2,
        type: 'stop_limit',
        price: 9,
        stop: 10,
        tif: 'ioc',
      },
      {
        side: 'SELL',
        symbol: 'ETHUSDT',
        qty: 2,
        type: 'STOP_LIMIT',
        price: 9,
        stop: 10,
        tif: 'IOC',
      },
    ],
    [
      { ...base, type: 'STOP', stop: 90, reduce_only: true, client_order_id: 'my-id_1' },
      { ...base, type: 'STOP', stop: 90, reduceOnly: true, clientOrderId: 'my-id_1' },
    ],
    [
      { ...base, price: 100, post_only: true, tif: 'GTC' },
      { ...base, type: 'LIMIT', price: 100, postOnly: true, tif: 'GTC' },
    ],
  ])('takes %j', (body, command) => {
    expect(parseOrderBody(body)).toEqual({ ok: true, value: command });
  });

  it.each([
    [{ ...base, type: 'LIMIT' }, 'price: required for LIMIT orders'],
    [{ ...base, type: 'MARKET', price: 1 }, 'price: not allowed for MARKET orders'],
    [{ ...base, type: 'STOP' }, 'stop: required for STOP orders'],
    [{ ...base, type: 'STOP', stop: 1, price: 2 }, 'price: not allowed for STOP orders'],
    [{ ...base, type: 'STOP_LIMIT', price: 2 }, 'stop: required for STOP_LIMIT orders'],
    [{ ...base, type: 'STOP_LIMIT', stop: 2 }, 'price: required for STOP_LIMIT orders'],
    [{ ...base, type: 'LIMIT', price: 2, stop: 1 }, 'stop: not allowed for LIMIT orders'],
    [{ ...base, stop: 1 }, 'type: required with stop (STOP or STOP_LIMIT)'],
    [{ ...base, post_only: true }, 'post_only: only for LIMIT orders'],
    [{ ...base, price: 1, post_only: true, tif: 'IOC' }, 'post_only: cannot rest with tif IOC'],
    [{ ...base, qty: 0 }, 'qty: must be > 0'],
    [{ ...base, qty: -1 }, 'qty: must be > 0'],
    [{ ...base, qty: '1' }, 'qty: expected a number'],
    [{ ...base, price: -5 }, 'price: must be > 0'],
    [{ ...base, side: 'HOLD' }, 'side: expected one of BUY, SELL'],
    [{ ...base, side: 1 }, 'side: expected one of BUY, SELL'],
    [{ ...base, symbol: 'BTC USDT' }, 'symbol: expected 1 to 32 letters'],
    [{ ...base, symbol: '' }, 'symbol: expected 1 to 32 letters'],
    [{ ...base, tif: 'DAY' }, 'tif: expected one of GTC, IOC, FOK'],
    [{ ...base, type: 'TRAILING' }, 'type: expected one of MARKET, LIMIT, STOP, STOP_LIMIT'],
    [{ ...base, reduce_only: 'yes' }, 'reduce_only: expected true or false'],
    [{ ...base, client_order_id: 'a b' }, 'client_order_id: expected 1 to 36'],
    [{ ...base, client_order_id: 'x'.repeat(37) }, 'client_order_id: expected 1 to 36'],
    [{ ...base, reduceOnly: true }, 'reduceOnly: unknown field'],
    [{ side: 'BUY', symbol: 'BTCUSDT' }, 'qty: expected a number'],
    [null, 'body: expected object'],
    [[], 'body: expected object'],
    ['BUY', 'body: expected object'],
  ])('refuses %j with "%s"', (body, message) => {
    const r = parseOrderBody(body);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });

  it('names every bad field at once', () => {
    const r = parseOrderBody({ side: 'x', symbol: 'BTCUSDT', qty: -1 });
    expect(r).toEqual({
      ok: false,
      message: 'side: expected one of BUY, SELL; qty: must be > 0',
    });
  });
});

describe('parseCancelBody', () => {
  it('takes an id and an optional symbol', () => {
    expect(parseCancelBody({ client_order_id: 'a1' })).toEqual({
      ok: true,
      value: { clientOrderId: 'a1' },
    });
    expect(parseCancelBody({ client_order_id: 'a1', symbol: 'btcusdt' })).toEqual({
      ok: true,
      value: { clientOrderId: 'a1', symbol: 'BTCUSDT' },
    });
  });

  it('needs the id', () => {
    expect(parseCancelBody({})).toEqual({
      ok: false,
      message: 'client_order_id: expected a string',
    });
  });
});

describe('parseCredentialsBody', () => {
  const SECRET = 'sk-VERY-SECRET-0123456789';

  it('takes keys, with a passphrase where the venue wants one', () => {
    expect(parseCredentialsBody({ venue: 'Binance', api_key: 'k1', api_secret: 's1' })).toEqual({
      ok: true,
      value: { venue: 'binance', credentials: { apiKey: 'k1', apiSecret: 's1' } },
    });
    expect(
      parseCredentialsBody({ venue: 'okx', api_key: 'k', api_secret: 's', passphrase: 'p' }),
    ).toMatchObject({ ok: true, value: { credentials: { passphrase: 'p' } } });
  });

  it.each([
    [{ venue: 'okx', api_key: 'k', api_secret: 's' }, 'passphrase: required for okx'],
    [{ venue: 'binance', api_key: 'k', api_secret: 's', passphrase: 'p' }, 'passphrase: not used'],
    [{ venue: 'kraken', api_key: 'k', api_secret: 's' }, 'venue: expected one of binance'],
    [{ venue: 'binance', api_key: '', api_secret: 's' }, 'api_key: must not be empty'],
    [{ venue: 'binance', api_key: 'a b', api_secret: 's' }, 'api_key: printable characters'],
    [{ venue: 'binance', api_key: 'k', api_secret: 7 }, 'api_secret: expected a string'],
  ])('refuses %j', (body, message) => {
    const r = parseCredentialsBody(body);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });

  it('never quotes a key or secret in its refusal', () => {
    for (const body of [
      { venue: 'binance', api_key: `${SECRET} x`, api_secret: SECRET },
      { venue: 'okx', api_key: SECRET, api_secret: SECRET },
      { venue: SECRET, api_key: SECRET, api_secret: SECRET },
      { venue: 'binance', api_key: SECRET.repeat(20), api_secret: SECRET, extra: SECRET },
    ]) {
      const r = parseCredentialsBody(body);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).not.toContain('SECRET');
    }
  });
});
