import { describe, expect, it } from 'vitest';
import type { EngineCommand } from '../model/commands';
import { clientOrderId, symbolId, timestampMs } from '../model/ids';
import type { OrderRequest } from '../model/order';
import { MAX_LINE_BYTES, parseCommand } from './parse-command';
import { CANCEL_USAGE, EXEC_USAGE, MARKET_USAGE, ORDER_USAGE, QUERY_USAGE } from './parse-text';

/** The command of a line that must parse. */
function cmdOf(line: string): EngineCommand | null {
  const r = parseCommand(line);
  if (!r.ok) throw new Error(`expected ok for ${line}, got error: ${r.error}`);
  return r.value;
}

/** The error of a line that must fail. */
function errorOf(line: string): string {
  const r = parseCommand(line);
  if (r.ok) throw new Error(`expected an error for ${line}, got ${JSON.stringify(r.value)}`);
  return r.error;
}

const base = {
  clientOrderId: clientOrderId('a1'),
  symbol: symbolId('BTCUSDT'),
  side: 'BUY',
  qty: 0.01,
  tif: 'GTC',
  postOnly: false,
  reduceOnly: false,
} as const;

const submit = (request: OrderRequest): EngineCommand => ({ type: 'submit_order', request });

describe('parseCommand: blank lines and comments', () => {
  it.each([
    '',
    '   ',
    '\t',
    '\r',
    ' \t \r ',
    '#',
    '# a comment',
    '   # indented comment',
    '#ORDER BUY',
  ])('returns null for %j', (line) => {
    expect(parseCommand(line)).toEqual({ ok: true, value: null });
  });
});

describe('parseCommand: ORDER (text)', () => {
  it('parses a limit order (DESIGN example)', () => {
    expect(cmdOf('ORDER BUY BTCUSDT 0.01 49000 a1')).toEqual(
      submit({ type: 'LIMIT', price: 49000, ...base }),
    );
  });

  it('is case-insensitive for keywords, sides, MARKET, keys and values; upper-cases symbols', () => {
    const upper = cmdOf('ORDER SELL BTCUSDT 1 MARKET Id-1 TIF=IOC REDUCE_ONLY=TRUE');
    expect(cmdOf('order sell btcusdt 1 market Id-1 tif=ioc reduce_only=true')).toEqual(upper);
    expect(cmdOf('Order Sell BtcUsdt 1 Market Id-1 Tif=Ioc Reduce_Only=True')).toEqual(upper);
    expect(upper).toEqual(
      submit({
        type: 'MARKET',
        ...base,
        clientOrderId: clientOrderId('Id-1'),
        side: 'SELL',
        qty: 1,
        tif: 'IOC',
        reduceOnly: true,
      }),
    );
  });

  it('keeps the client order id as written', () => {
    const c = cmdOf('ORDER BUY BTCUSDT 1 10 MiXeD');
    expect(c?.type === 'submit_order' && c.request.clientOrderId).toBe('MiXeD');
  });

  it('accepts any whitespace run between tokens and around the line', () => {
    expect(cmdOf('  ORDER\tBUY  BTCUSDT \t 0.01   49000 a1  \r')).toEqual(
      cmdOf('ORDER BUY BTCUSDT 0.01 49000 a1'),
    );
  });

  it('infers LIMIT from a numeric price and MARKET from MARKET', () => {
    expect(cmdOf('ORDER BUY BTCUSDT 0.01 49000 a1 type=LIMIT')).toEqual(
      cmdOf('ORDER BUY BTCUSDT 0.01 49000 a1'),
    );
    expect(cmdOf('ORDER BUY BTCUSDT 0.01 MARKET a1 type=MARKET')).toEqual(
      submit({ type: 'MARKET', ...base }),
    );
  });

  it('parses STOP and STOP_LIMIT orders', () => {
    expect(cmdOf('ORDER BUY BTCUSDT 0.01 MARKET a1 type=STOP stop=51000')).toEqual(
      submit({ type: 'STOP', stopPrice: 51000, ...base }),
    );
    expect(cmdOf('ORDER BUY BTCUSDT 0.01 51100 a1 type=stop_limit stop=51000 tif=FOK')).toEqual(
      submit({ type: 'STOP_LIMIT', stopPrice: 51000, price: 51100, ...base, tif: 'FOK' }),
    );
  });

  it.each([
    ['1', true],
    ['true', true],
    ['TRUE', true],
    ['0', false],
    ['false', false],
  ])('reads post_only=%s', (v, expected) => {
    const c = cmdOf(`ORDER BUY BTCUSDT 0.01 49000 a1 post_only=${v}`);
    expect(c?.type === 'submit_order' && c.request.postOnly).toBe(expected);
  });

  it('allows post_only=0 on a non-LIMIT order', () => {
    expect(cmdOf('ORDER BUY BTCUSDT 0.01 MARKET a1 post_only=0')).toEqual(
      submit({ type: 'MARKET', ...base }),
    );
  });

  it('reads decimal forms of numbers', () => {
    const c = cmdOf('ORDER BUY BTCUSDT 1e-3 +4.9E4 a1');
    expect(c).toEqual(submit({ type: 'LIMIT', price: 49000, ...base, qty: 0.001 }));
    expect(cmdOf('ORDER BUY BTCUSDT .5 49000. a1')).toEqual(
      submit({ type: 'LIMIT', price: 49000, ...base, qty: 0.5 }),
    );
  });

  it('accepts client order ids of 1 to 64 characters of [A-Za-z0-9._:/-]', () => {
    const id = `aZ09._:/-${'x'.repeat(55)}`;
    expect(id).toHaveLength(64);
    const c = cmdOf(`ORDER BUY BTCUSDT 1 10 ${id}`);
    expect(c?.type === 'submit_order' && c.request.clientOrderId).toBe(id);
  });

  it.each([
    ['ORDER BUY BTCUSDT -1 49000 a2', 'qty must be > 0'],
    ['ORDER BUY BTCUSDT 0 49000 a2', 'qty must be > 0'],
    ['ORDER BUY BTCUSDT -0 49000 a2', 'qty must be > 0'],
    ['ORDER BUY BTCUSDT 1e309 49000 a2', 'qty must be finite'],
    ['ORDER BUY BTCUSDT abc 49000 a2', 'qty is not a number: "abc"'],
    ['ORDER BUY BTCUSDT NaN 49000 a2', 'qty is not a number: "NaN"'],
    ['ORDER BUY BTCUSDT Infinity 49000 a2', 'qty is not a number: "Infinity"'],
    ['ORDER BUY BTCUSDT 0x10 49000 a2', 'qty is not a number: "0x10"'],
    ['ORDER BUY BTCUSDT 1e 49000 a2', 'qty is not a number: "1e"'],
    ['ORDER BUY BTCUSDT . 49000 a2', 'qty is not a number: "."'],
    ['ORDER BUY BTCUSDT 1_000 49000 a2', 'qty is not a number: "1_000"'],
    ['ORDER BUY BTCUSDT 1 -5 a2', 'price must be > 0'],
    ['ORDER BUY BTCUSDT 1 0 a2', 'price must be > 0'],
    ['ORDER BUY BTCUSDT 1 1e999 a2', 'price must be finite'],
    ['ORDER BUY BTCUSDT 1 abc a2', 'price is not a number: "abc"'],
    ['ORDER BUY BTCUSDT 1 10 a2 type=STOP_LIMIT stop=0', 'stop must be > 0'],
    ['ORDER BUY BTCUSDT 1 10 a2 type=STOP_LIMIT stop=x', 'stop is not a number: "x"'],
    ['ORDER HOLD BTCUSDT 1 10 a2', 'side must be one of BUY|SELL: "HOLD"'],
    ['ORDER BUY BTC$ 1 10 a2', 'symbol must be 1-32 characters of [A-Za-z0-9._:/-]: "BTC$"'],
    [
      'ORDER BUY BTCUSDT 1 10 a@2',
      'client_order_id must be 1-64 characters of [A-Za-z0-9._:/-]: "a@2"',
    ],
    [
      `ORDER BUY BTCUSDT 1 10 ${'x'.repeat(65)}`,
      `client_order_id must be 1-64 characters of [A-Za-z0-9._:/-]: "${'x'.repeat(40)}…"`,
    ],
    [
      'ORDER BUY BTCUSDT 1 10 a2 type=FOO',
      'type must be one of LIMIT|MARKET|STOP|STOP_LIMIT: "FOO"',
    ],
    ['ORDER BUY BTCUSDT 1 10 a2 tif=DAY', 'tif must be one of GTC|IOC|FOK: "DAY"'],
    ['ORDER BUY BTCUSDT 1 10 a2 post_only=yes', 'post_only must be 0, 1, true or false: "yes"'],
    ['ORDER BUY BTCUSDT 1 10 a2 reduce_only=2', 'reduce_only must be 0, 1, true or false: "2"'],
    // the type rules
    [
      'ORDER BUY BTCUSDT 1 10 a2 type=MARKET',
      'a MARKET order takes no price (give MARKET as the price)',
    ],
    ['ORDER BUY BTCUSDT 1 MARKET a2 type=LIMIT', 'a LIMIT order needs a numeric price'],
    ['ORDER BUY BTCUSDT 1 MARKET a2 type=STOP', 'a STOP order needs stop'],
    [
      'ORDER BUY BTCUSDT 1 10 a2 type=STOP stop=9',
      'a STOP order takes MARKET as the price (use STOP_LIMIT for a limit)',
    ],
    ['ORDER BUY BTCUSDT 1 10 a2 type=STOP_LIMIT', 'a STOP_LIMIT order needs stop'],
    [
      'ORDER BUY BTCUSDT 1 MARKET a2 type=STOP_LIMIT stop=9',
      'a STOP_LIMIT order needs a numeric price',
    ],
    ['ORDER BUY BTCUSDT 1 10 a2 stop=9', 'stop is not allowed with type LIMIT'],
    ['ORDER BUY BTCUSDT 1 MARKET a2 stop=9', 'stop is not allowed with type MARKET'],
    ['ORDER BUY BTCUSDT 1 MARKET a2 post_only=1', 'post_only is only allowed with type LIMIT'],
    [
      'ORDER BUY BTCUSDT 1 10 a2 type=STOP_LIMIT stop=9 post_only=1',
      'post_only is only allowed with type LIMIT',
    ],
    // key=value syntax
    ['ORDER BUY BTCUSDT 1 10 a2 foo=1', 'unknown key "foo"'],
    ['ORDER BUY BTCUSDT 1 10 a2 Foo=1', 'unknown key "Foo"'],
    ['ORDER BUY BTCUSDT 1 10 a2 tif=IOC tif=FOK', 'duplicate key "tif"'],
    ['ORDER BUY BTCUSDT 1 10 a2 tif=IOC TIF=IOC', 'duplicate key "tif"'],
    ['ORDER BUY BTCUSDT 1 10 a2 tif', 'expected key=value, got "tif"'],
    ['ORDER BUY BTCUSDT 1 10 a2 =IOC', 'expected key=value, got "=IOC"'],
    ['ORDER BUY BTCUSDT 1 10 a2 tif=', 'empty value for key "tif"'],
    // argument count
    ['ORDER', ORDER_USAGE],
    ['ORDER BUY BTCUSDT 1 10', ORDER_USAGE],
  ])('%s → %s', (line, message) => {
    expect(errorOf(line)).toBe(message);
  });
});

describe('parseCommand: CANCEL and QUERY (text)', () => {
  it('parses CANCEL', () => {
    expect(cmdOf('CANCEL a1')).toEqual({ type: 'cancel_order', clientOrderId: 'a1' });
    expect(cmdOf('cancel a1')).toEqual(cmdOf('CANCEL a1'));
  });

  it.each([
    ['QUERY ORDERS', { type: 'query', what: 'orders' }],
    ['query orders', { type: 'query', what: 'orders' }],
    ['QUERY ORDER a1', { type: 'query', what: 'order', clientOrderId: 'a1' }],
    ['Query Order a1', { type: 'query', what: 'order', clientOrderId: 'a1' }],
    ['QUERY ACCOUNT', { type: 'query', what: 'account' }],
    ['QUERY POSITIONS', { type: 'query', what: 'positions' }],
  ])('parses %s', (line, expected) => {
    expect(cmdOf(line)).toEqual(expected);
  });

  it.each([
    ['CANCEL', CANCEL_USAGE],
    ['CANCEL a1 a2', CANCEL_USAGE],
    ['CANCEL a!', 'client_order_id must be 1-64 characters of [A-Za-z0-9._:/-]: "a!"'],
    ['QUERY', QUERY_USAGE],
    ['QUERY ORDER a1 a2', QUERY_USAGE],
    ['QUERY ORDER', 'query ORDER needs a client_order_id'],
    ['QUERY ORDERS a1', 'client_order_id is only used with ORDER, not ORDERS'],
    ['QUERY BALANCE', 'what must be one of ORDERS|ORDER|ACCOUNT|POSITIONS: "BALANCE"'],
  ])('%s → %s', (line, message) => {
    expect(errorOf(line)).toBe(message);
  });
});

describe('parseCommand: MARKET (text)', () => {
  it('parses a tick without and with ts_ms', () => {
    expect(cmdOf('MARKET btcusdt 50000')).toEqual({
      type: 'market_tick',
      symbol: 'BTCUSDT',
      price: 50000,
      ts: null,
    });
    expect(cmdOf('market BTCUSDT 50000 1700000000123')).toEqual({
      type: 'market_tick',
      symbol: 'BTCUSDT',
      price: 50000,
      ts: timestampMs(1700000000123),
    });
    expect(cmdOf('MARKET BTCUSDT 1 0')).toMatchObject({ ts: 0 });
  });

  it.each([
    ['MARKET BTCUSDT', MARKET_USAGE],
    ['MARKET BTCUSDT 1 2 3', MARKET_USAGE],
    ['MARKET BTCUSDT 0', 'price must be > 0'],
    ['MARKET BTCUSDT x', 'price is not a number: "x"'],
    ['MARKET BTCUSDT 1 -1', 'ts_ms must be a non-negative integer: "-1"'],
    ['MARKET BTCUSDT 1 1.5', 'ts_ms must be a non-negative integer: "1.5"'],
    ['MARKET BTCUSDT 1 1e3', 'ts_ms must be a non-negative integer: "1e3"'],
    [
      'MARKET BTCUSDT 1 99999999999999999999',
      'ts_ms must be a non-negative integer: "99999999999999999999"',
    ],
    ['MARKET BTC# 1', 'symbol must be 1-32 characters of [A-Za-z0-9._:/-]: "BTC#"'],
  ])('%s → %s', (line, message) => {
    expect(errorOf(line)).toBe(message);
  });
});

describe('parseCommand: EXEC (text)', () => {
  const none = {
    fillQty: null,
    fillPrice: null,
    fee: null,
    feeAsset: null,
    venueOrderId: null,
    reason: null,
    liquidity: null,
  };

  it('parses an ACCEPTED report', () => {
    expect(cmdOf('EXEC a1 accepted venue_order_id=123')).toEqual({
      type: 'execution_report',
      clientOrderId: 'a1',
      status: 'ACCEPTED',
      ...none,
      venueOrderId: '123',
    });
  });

  it('parses a fill with every key, in any case', () => {
    const c = cmdOf(
      'EXEC a1 PARTIALLY_FILLED fill_qty=0.5 fill_price=49000 fee=-0.01 fee_asset=usdt venue_order_id=v-9 reason=partial LIQUIDITY=maker',
    );
    expect(c).toEqual({
      type: 'execution_report',
      clientOrderId: 'a1',
      status: 'PARTIALLY_FILLED',
      fillQty: 0.5,
      fillPrice: 49000,
      fee: -0.01,
      feeAsset: 'USDT',
      venueOrderId: 'v-9',
      reason: 'partial',
      liquidity: 'MAKER',
    });
  });

  it.each(['ACCEPTED', 'PARTIALLY_FILLED', 'FILLED', 'CANCELLED', 'REJECTED', 'EXPIRED'])(
    'accepts status %s',
    (status) => {
      const c = cmdOf(`EXEC a1 ${status.toLowerCase()} fill_qty=1 fill_price=2`);
      expect(c?.type === 'execution_report' && c.status).toBe(status);
    },
  );

  it('keeps a reason as one token, = signs included', () => {
    const c = cmdOf('EXEC a1 REJECTED reason=max_notional=5');
    expect(c?.type === 'execution_report' && c.reason).toBe('max_notional=5');
  });

  it.each([
    ['EXEC', EXEC_USAGE],
    ['EXEC a1', EXEC_USAGE],
    [
      'EXEC a1 DONE',
      'status must be one of ACCEPTED|PARTIALLY_FILLED|FILLED|CANCELLED|REJECTED|EXPIRED: "DONE"',
    ],
    ['EXEC a1 FILLED fill_price=1', 'fill_qty is required with status FILLED'],
    ['EXEC a1 PARTIALLY_FILLED fill_qty=1', 'fill_price is required with status PARTIALLY_FILLED'],
    ['EXEC a1 FILLED fill_qty=0 fill_price=1', 'fill_qty must be > 0'],
    ['EXEC a1 FILLED fill_qty=1 fill_price=-1', 'fill_price must be > 0'],
    ['EXEC a1 ACCEPTED fill_qty=-1', 'fill_qty must be > 0'],
    ['EXEC a1 FILLED fill_qty=1 fill_price=1 fee=abc', 'fee is not a number: "abc"'],
    ['EXEC a1 FILLED fill_qty=1 fill_price=1 fee=1e400', 'fee must be finite'],
    [
      'EXEC a1 FILLED fill_qty=1 fill_price=1 liquidity=BOTH',
      'liquidity must be one of MAKER|TAKER: "BOTH"',
    ],
    [
      'EXEC a1 FILLED fill_qty=1 fill_price=1 fee_asset=U$',
      'fee_asset must be 1-32 characters of [A-Za-z0-9._:/-]: "U$"',
    ],
    ['EXEC a1 ACCEPTED foo=1', 'unknown key "foo"'],
    ['EXEC a1 ACCEPTED reason=a reason=b', 'duplicate key "reason"'],
    ['EXEC a1 REJECTED reason', 'expected key=value, got "reason"'],
    [
      `EXEC a1 ACCEPTED venue_order_id=${'v'.repeat(129)}`,
      'venue_order_id must be 1-128 characters',
    ],
    ['EXEC a# ACCEPTED', 'client_order_id must be 1-64 characters of [A-Za-z0-9._:/-]: "a#"'],
  ])('%s → %s', (line, message) => {
    expect(errorOf(line)).toBe(message);
  });
});

describe('parseCommand: other input', () => {
  it('names an unknown command', () => {
    expect(errorOf('FOO bar')).toBe('unknown command "FOO"');
    expect(errorOf('null')).toBe('unknown command "null"');
  });

  it('refuses lines longer than 64 KiB, counting UTF-8 bytes', () => {
    expect(errorOf(`ORDER ${'x'.repeat(MAX_LINE_BYTES)}`)).toBe('line too long');
    expect(errorOf('€'.repeat(22000))).toBe('line too long'); // 66 000 bytes in 22 000 units
    expect(errorOf('😀'.repeat(16385))).toBe('line too long'); // 65 540 bytes
    expect(errorOf('x'.repeat(MAX_LINE_BYTES))).not.toBe('line too long');
    expect(errorOf(`#${'x'.repeat(MAX_LINE_BYTES)}`)).toBe('line too long');
  });
});

describe('parseCommand: JSON', () => {
  it.each([
    [
      'ORDER BUY BTCUSDT 0.01 49000 a1',
      '{"cmd":"order","side":"BUY","symbol":"BTCUSDT","qty":0.01,"price":49000,"client_order_id":"a1"}',
    ],
    [
      'ORDER SELL btcusdt 2 MARKET a1 tif=IOC reduce_only=1',
      '{"cmd":"order","side":"sell","symbol":"btcusdt","qty":2,"client_order_id":"a1","tif":"ioc","reduce_only":true}',
    ],
    [
      'ORDER SELL BTCUSDT 2 MARKET a1',
      '{"cmd":"ORDER","side":"SELL","symbol":"BTCUSDT","qty":2,"price":"market","client_order_id":"a1"}',
    ],
    [
      'ORDER SELL BTCUSDT 2 MARKET a1',
      '{"cmd":"order","side":"SELL","symbol":"BTCUSDT","qty":2,"price":null,"client_order_id":"a1","type":null,"stop":null,"tif":null,"post_only":null,"reduce_only":null}',
    ],
    [
      'ORDER BUY BTCUSDT 1 MARKET s1 type=STOP stop=51000',
      '{"cmd":"order","side":"BUY","symbol":"BTCUSDT","qty":1,"price":"MARKET","client_order_id":"s1","type":"STOP","stop":51000}',
    ],
    [
      'ORDER BUY BTCUSDT 1 51100 s1 type=STOP_LIMIT stop=51000 tif=FOK',
      '{"cmd":"order","side":"BUY","symbol":"BTCUSDT","qty":1,"price":51100,"client_order_id":"s1","type":"stop_limit","stop":51000,"tif":"FOK"}',
    ],
    [
      'ORDER BUY BTCUSDT 1 100 p1 post_only=1 reduce_only=0',
      '{"cmd":"order","side":"BUY","symbol":"BTCUSDT","qty":1,"price":100,"client_order_id":"p1","post_only":1,"reduce_only":0}',
    ],
    ['CANCEL a1', '{"cmd":"cancel","client_order_id":"a1"}'],
    ['QUERY ORDERS', '{"cmd":"query","what":"orders"}'],
    ['QUERY ORDER a1', '{"cmd":"query","what":"order","client_order_id":"a1"}'],
    ['QUERY ACCOUNT', '{"cmd":"query","what":"ACCOUNT"}'],
    ['QUERY POSITIONS', '{"cmd":"query","what":"positions","client_order_id":null}'],
    ['MARKET BTCUSDT 50000', '{"cmd":"market","symbol":"btcusdt","price":50000}'],
    ['MARKET BTCUSDT 50000 17', '{"cmd":"market","symbol":"BTCUSDT","price":50000,"ts_ms":17}'],
    [
      'EXEC a1 FILLED fill_qty=1 fill_price=2 fee=0.1 fee_asset=USDT venue_order_id=9 reason=ok liquidity=TAKER',
      '{"cmd":"exec","client_order_id":"a1","status":"filled","fill_qty":1,"fill_price":2,"fee":0.1,"fee_asset":"usdt","venue_order_id":"9","reason":"ok","liquidity":"taker"}',
    ],
  ])('%s equals its JSON form', (text, json) => {
    const fromText = cmdOf(text);
    expect(fromText).not.toBeNull();
    expect(cmdOf(json)).toEqual(fromText);
    expect(cmdOf(`  ${json}  `)).toEqual(fromText);
  });

  it('carries a reason with spaces (text cannot)', () => {
    const c = cmdOf(
      '{"cmd":"exec","client_order_id":"a1","status":"REJECTED","reason":"price out of band"}',
    );
    expect(c?.type === 'execution_report' && c.reason).toBe('price out of band');
  });

  it.each([
    [
      'ORDER BUY BTCUSDT -1 49000 a2',
      '{"cmd":"order","side":"BUY","symbol":"BTCUSDT","qty":-1,"price":49000,"client_order_id":"a2"}',
    ],
    [
      'ORDER BUY BTCUSDT 1 -1 a2',
      '{"cmd":"order","side":"BUY","symbol":"BTCUSDT","qty":1,"price":-1,"client_order_id":"a2"}',
    ],
    [
      'ORDER HOLD BTCUSDT 1 1 a2',
      '{"cmd":"order","side":"HOLD","symbol":"BTCUSDT","qty":1,"price":1,"client_order_id":"a2"}',
    ],
    [
      'ORDER BUY BTCUSDT 1 1 a2 type=STOP stop=1',
      '{"cmd":"order","side":"BUY","symbol":"BTCUSDT","qty":1,"price":1,"client_order_id":"a2","type":"STOP","stop":1}',
    ],
    [
      'ORDER BUY BTCUSDT 1 MARKET a2 post_only=1',
      '{"cmd":"order","side":"BUY","symbol":"BTCUSDT","qty":1,"client_order_id":"a2","post_only":true}',
    ],
    ['CANCEL a?', '{"cmd":"cancel","client_order_id":"a?"}'],
    ['QUERY ORDER', '{"cmd":"query","what":"order"}'],
    ['MARKET BTCUSDT 0', '{"cmd":"market","symbol":"BTCUSDT","price":0}'],
    [
      'EXEC a1 FILLED fill_qty=1',
      '{"cmd":"exec","client_order_id":"a1","status":"FILLED","fill_qty":1}',
    ],
  ])('gives the same semantic error as the text form: %s', (text, json) => {
    expect(errorOf(json)).toBe(errorOf(text));
  });

  it.each([
    ['{"cmd":"order",', /^bad JSON: /],
    ['{nope}', /^bad JSON: /],
    ['[1,2]', /^bad JSON: expected an object$/],
    ['{}', /^cmd: required$/],
    ['{"cmd":5}', /^cmd: expected a string$/],
    ['{"cmd":"fly"}', /^cmd: must be one of order\|cancel\|query\|market\|exec, got "fly"$/],
    ['{"cmd":"cancel","client_order_id":"a1","foo":1}', /^unknown field "foo"$/],
    ['{"cmd":"cancel"}', /^client_order_id: required$/],
    ['{"cmd":"cancel","client_order_id":7}', /^client_order_id: expected a string$/],
    [
      '{"cmd":"order","side":"BUY","symbol":"B","price":1,"client_order_id":"a"}',
      /^qty: required$/,
    ],
    [
      '{"cmd":"order","side":"BUY","symbol":"B","qty":"1","client_order_id":"a"}',
      /^qty: expected a number$/,
    ],
    [
      '{"cmd":"order","side":"BUY","symbol":"B","qty":1e999,"client_order_id":"a"}',
      /^qty: must be finite$/,
    ],
    [
      '{"cmd":"order","side":"BUY","symbol":"B","qty":1,"price":true,"client_order_id":"a"}',
      /^price: expected a number or "MARKET"$/,
    ],
    [
      '{"cmd":"order","side":"BUY","symbol":"B","qty":1,"price":"abc","client_order_id":"a"}',
      /^price: expected a number or "MARKET", got "abc"$/,
    ],
    [
      '{"cmd":"order","side":"BUY","symbol":"B","qty":1,"client_order_id":"a","post_only":"yes"}',
      /^post_only: expected true, false, 0 or 1$/,
    ],
    [
      '{"cmd":"order","side":"BUY","symbol":"B","qty":1,"client_order_id":"a","stop":"5"}',
      /^stop: expected a number$/,
    ],
    [
      '{"cmd":"market","symbol":"B","price":1,"ts_ms":1.5}',
      /^ts_ms must be a non-negative integer$/,
    ],
    [
      '{"cmd":"market","symbol":"B","price":1,"ts_ms":-1}',
      /^ts_ms must be a non-negative integer$/,
    ],
    [
      '{"cmd":"query","what":"account","client_order_id":"a1"}',
      /^client_order_id is only used with ORDER, not ACCOUNT$/,
    ],
    [
      '{"cmd":"exec","client_order_id":"a1","status":"FILLED","fill_qty":1,"fill_price":1,"reason":5}',
      /^reason: expected a string$/,
    ],
  ])('%s → %s', (json, message) => {
    expect(errorOf(json)).toMatch(message);
  });
});
