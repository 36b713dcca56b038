import { describe, expect, it } from 'vitest';
import { parseBinanceStreamMessage } from './parse-binance-stream';
import { parseDepthSnapshot } from './parse-depth-snapshot';

// Payloads as in Binance's documentation (web-socket-streams.md). The documented kline has
// low 0.0015 above open 0.0010, which no real bar has (the parser refuses it, below): its low is
// 0.0005 here.
const DOC_TRADE =
  '{"e":"trade","E":1672515782136,"s":"BNBBTC","t":12345,"p":"0.001","q":"100","b":88,"a":50,"T":1672515782136,"m":true,"M":true}';
const DOC_BOOK_TICKER =
  '{"u":400900217,"s":"BNBUSDT","b":"25.35190000","B":"31.21000000","a":"25.36520000","A":"40.66000000"}';
const DOC_DEPTH =
  '{"e":"depthUpdate","E":1672515782136,"s":"BNBBTC","U":157,"u":160,"b":[["0.0024","10"]],"a":[["0.0026","100"]]}';
const DOC_KLINE =
  '{"e":"kline","E":1672515782136,"s":"BNBBTC","k":{"t":1672515780000,"T":1672515839999,"s":"BNBBTC","i":"1m","f":100,"L":200,"o":"0.0010","c":"0.0020","h":"0.0025","l":"0.0005","v":"1000","n":100,"x":false,"q":"1.0000","V":"500","Q":"0.500","B":"123456"}}';

const parse = (text: string) => parseBinanceStreamMessage(text, 999);
const error = (text: string): string => {
  const r = parse(text);
  if (r.ok) throw new Error(`parsed: ${text}`);
  return r.error;
};

describe('parseBinanceStreamMessage', () => {
  it('reads the documented trade payload; m = true (buyer is maker) is a SELL aggressor', () => {
    expect(parse(DOC_TRADE)).toEqual({
      ok: true,
      value: {
        kind: 'trade',
        symbol: 'BNBBTC',
        price: 0.001,
        qty: 100,
        side: 'SELL',
        ts: 1672515782136,
      },
    });
    const buy = parse(DOC_TRADE.replace('"m":true', '"m":false'));
    expect(buy.ok && buy.value.kind === 'trade' && buy.value.side).toBe('BUY');
  });

  it('reads the documented bookTicker payload, stamped with the receive time', () => {
    expect(parse(DOC_BOOK_TICKER)).toEqual({
      ok: true,
      value: {
        kind: 'book_ticker',
        symbol: 'BNBUSDT',
        bidPrice: 25.3519,
        bidQty: 31.21,
        askPrice: 25.3652,
        askQty: 40.66,
        updateId: 400900217,
        ts: 999,
      },
    });
  });

  it('reads the documented depthUpdate payload into flat level lists', () => {
    expect(parse(DOC_DEPTH)).toEqual({
      ok: true,
      value: {
        kind: 'depth',
        symbol: 'BNBBTC',
        reset: false,
        bids: [0.0024, 10],
        asks: [0.0026, 100],
        firstUpdateId: 157,
        lastUpdateId: 160,
        ts: 1672515782136,
      },
    });
  });

  it('reads the documented kline payload', () => {
    expect(parse(DOC_KLINE)).toEqual({
      ok: true,
      value: {
        kind: 'kline',
        symbol: 'BNBBTC',
        interval: '1m',
        bar: {
          time: 1672515780000,
          open: 0.001,
          high: 0.0025,
          low: 0.0005,
          close: 0.002,
          volume: 1000,
        },
        closed: false,
        ts: 1672515782136,
      },
    });
  });

  it('unwraps the combined-stream envelope', () => {
    const r = parse(`{"stream":"bnbbtc@depth@100ms","data":${DOC_DEPTH}}`);
    expect(r.ok && r.value.kind).toBe('depth');
    expect(
      error(`{"stream":"bnbbtc@trade","data":${DOC_TRADE.replace('"p":"0.001"', '"p":"x"')}}`),
    ).toBe('stream bnbbtc@trade: trade p: expected a decimal string > 0, got "x"');
    expect(error('{"stream":5,"data":{}}')).toBe('envelope stream: expected a string, got 5');
  });

  it('turns serverShutdown into a disconnected status', () => {
    expect(parse('{"e":"serverShutdown","E":1700000000000}')).toEqual({
      ok: true,
      value: {
        kind: 'status',
        symbol: null,
        status: 'disconnected',
        message: 'Binance announced a server shutdown',
        ts: 1700000000000,
      },
    });
  });

  it('names the field, the level and the value of malformed input', () => {
    expect(error('{"e":"trade"')).toBe('not JSON: "{\\"e\\":\\"trade\\""');
    expect(error('[1,2]')).toBe('expected a JSON object, got [1,2]');
    expect(error('{"e":"aggTrade"}')).toBe('unknown event type "aggTrade"');
    expect(error('{"x":1}')).toBe('event without a type "e": {"x":1}');
    expect(error('{"result":null,"id":1}')).toBe('unexpected reply {"result":null,"id":1}');
    expect(error(DOC_DEPTH.replace('"U":157', '"U":161'))).toBe(
      'depthUpdate: first update id U 161 > last update id u 160',
    );
    expect(error(DOC_DEPTH.replace('"u":160', '"u":-1'))).toBe(
      'depthUpdate u: expected an update id (integer ≥ 0), got -1',
    );
    expect(error(DOC_DEPTH.replace('"U":157', '"U":"157"'))).toBe(
      'depthUpdate U: expected an update id (integer ≥ 0), got "157"',
    );
    expect(error(DOC_DEPTH.replace('[["0.0024","10"]]', '[["0.0024","10"],["0","1"]]'))).toBe(
      'depthUpdate b[1] price: expected a decimal string > 0, got "0"',
    );
    expect(error(DOC_DEPTH.replace('[["0.0026","100"]]', '[["0.0026","-1"]]'))).toBe(
      'depthUpdate a[0] qty: expected a decimal string ≥ 0, got "-1"',
    );
    expect(error(DOC_DEPTH.replace('[["0.0026","100"]]', '[["0.0026"]]'))).toBe(
      'depthUpdate a[0]: expected a [price, qty] pair of decimal strings, got ["0.0026"]',
    );
    expect(error(DOC_DEPTH.replace('"b":[["0.0024","10"]],', ''))).toBe(
      'depthUpdate b: expected an array of [price, qty], got nothing',
    );
    expect(error(DOC_DEPTH.replace('"s":"BNBBTC"', '"s":"bnbbtc"'))).toBe(
      'depthUpdate s: expected a symbol, got "bnbbtc"',
    );
    expect(error(DOC_TRADE.replace('"q":"100"', '"q":"0"'))).toBe(
      'trade q: expected a decimal string > 0, got "0"',
    );
    expect(error(DOC_TRADE.replace('"m":true', '"m":1'))).toBe(
      'trade m: expected a boolean, got 1',
    );
    expect(error(DOC_BOOK_TICKER.replace('"A":"40.66000000"', '"A":"1e"'))).toBe(
      'bookTicker A: expected a decimal string ≥ 0, got "1e"',
    );
    expect(error(DOC_KLINE.replace('"l":"0.0005"', '"l":"0.0015"'))).toBe(
      'kline at 1672515780000: low 0.0015 > min(open, close) 0.001',
    );
    expect(error(DOC_KLINE.replace('"h":"0.0025"', '"h":"0.0019"'))).toBe(
      'kline at 1672515780000: high 0.0019 < max(open, close) 0.002',
    );
    expect(error(DOC_KLINE.replace('"i":"1m"', '"i":"7m"'))).toBe(
      'kline k.i: expected a Binance interval (1s, 1m, … 1w), got "7m"',
    );
    expect(error(DOC_KLINE.replace('"T":1672515839999', '"T":1'))).toBe(
      'kline k.T: expected a close time ≥ open time 1672515780000, got 1',
    );
    expect(error(DOC_KLINE.replace('"s":"BNBBTC","i"', '"s":"ETHBTC","i"'))).toBe(
      'kline k.s: expected the event\'s symbol BNBBTC, got "ETHBTC"',
    );
  });
});

describe('parseDepthSnapshot', () => {
  it('reads the documented reply', () => {
    const body =
      '{"lastUpdateId":1027024,"bids":[["4.00000000","431.00000000"]],"asks":[["4.00000200","12.00000000"]]}';
    expect(parseDepthSnapshot(body)).toEqual({
      ok: true,
      value: { lastUpdateId: 1027024, bids: [4, 431], asks: [4.000002, 12] },
    });
  });

  it('reports Binance errors and malformed replies precisely', () => {
    const e = (body: string) => {
      const r = parseDepthSnapshot(body);
      return r.ok ? 'parsed' : r.error;
    };
    expect(e('{"code":-1121,"msg":"Invalid symbol."}')).toBe(
      'Binance error -1121: "Invalid symbol."',
    );
    expect(e('<html>')).toBe('depth snapshot is not JSON: "<html>"');
    expect(e('{"lastUpdateId":1.5,"bids":[],"asks":[]}')).toBe(
      'depth snapshot lastUpdateId: expected an integer ≥ 0, got 1.5',
    );
    expect(e('{"lastUpdateId":1,"bids":[["1","x"]],"asks":[]}')).toBe(
      'depth snapshot bids[0] qty: expected a decimal string ≥ 0, got "x"',
    );
    expect(e('{"lastUpdateId":1,"bids":[]}')).toBe(
      'depth snapshot asks: expected an array of [price, qty], got nothing',
    );
  });
});
