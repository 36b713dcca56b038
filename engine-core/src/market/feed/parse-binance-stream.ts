import type { SymbolId, TimestampMs } from '../../model';
import { err, ok, type Result } from '../../util/result';
import type {
  BookTickerUpdate,
  DepthUpdate,
  KlineUpdate,
  MarketUpdate,
  StatusUpdate,
  TradeUpdate,
} from '../../venue/market-feed';
import { barProblem } from '../bar-check';
import { isKlineInterval } from '../intervals';
import {
  decimal,
  fieldProblem,
  isNonNegative,
  isObject,
  isPositive,
  isSymbol,
  isUint,
  type JsonObject,
  readLevels,
  show,
} from './binance-fields';

// Hand-written rather than zod: on depthUpdate messages zod's checks cost ~3 µs a message, about
// six times these (measured in Node 20, 20-level messages), on the feed's hot path.

type Parsed = Result<MarketUpdate, string>;

/**
 * Parses one text frame of Binance's public spot streams, raw (`/ws/<stream>`) or combined
 * (`{"stream": …, "data": …}`): `trade`, `bookTicker`, `depthUpdate`, `kline`, and the
 * `serverShutdown` notice (a `disconnected` status). `receivedAt` stamps the book ticker, which
 * carries no time. Malformed input gives an error naming the stream, event and field; it never
 * throws.
 */
export function parseBinanceStreamMessage(text: string, receivedAt: number): Parsed {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return err(`not JSON: ${show(text.length > 60 ? `${text.slice(0, 57)}...` : text)}`);
  }
  if (!isObject(json)) return err(`expected a JSON object, got ${show(json)}`);
  if ('stream' in json && 'data' in json) {
    const stream = json.stream;
    if (typeof stream !== 'string')
      return err(fieldProblem('envelope', 'stream', 'a string', stream));
    const r = parseEvent(json.data, receivedAt);
    return r.ok ? r : err(`stream ${stream}: ${r.error}`);
  }
  return parseEvent(json, receivedAt);
}

/** Parses the payload of one stream event. */
export function parseEvent(data: unknown, receivedAt: number): Parsed {
  if (!isObject(data)) return err(`expected an event object, got ${show(data)}`);
  const e = data.e;
  switch (e) {
    case 'depthUpdate':
      return parseDepthUpdate(data);
    case 'trade':
      return parseTrade(data);
    case 'kline':
      return parseKline(data);
    case 'bookTicker':
      return parseBookTicker(data, receivedAt);
    case undefined:
      // The spot book ticker is the one payload without "e".
      if ('result' in data || 'id' in data) return err(`unexpected reply ${show(data)}`);
      if ('u' in data || 's' in data) return parseBookTicker(data, receivedAt);
      return err(`event without a type "e": ${show(data)}`);
    case 'serverShutdown': {
      const E = data.E;
      const status: StatusUpdate = {
        kind: 'status',
        symbol: null,
        status: 'disconnected',
        message: 'Binance announced a server shutdown',
        ts: (isUint(E) ? E : receivedAt) as TimestampMs,
      };
      return ok(status);
    }
    default:
      return err(`unknown event type ${show(e)}`);
  }
}

function parseDepthUpdate(o: JsonObject): Parsed {
  const W = 'depthUpdate';
  const { E, s, U, u } = o;
  if (!isUint(E)) return err(fieldProblem(W, 'E', 'an event time (integer ms)', E));
  if (!isSymbol(s)) return err(fieldProblem(W, 's', 'a symbol', s));
  if (!isUint(U)) return err(fieldProblem(W, 'U', 'an update id (integer ≥ 0)', U));
  if (!isUint(u)) return err(fieldProblem(W, 'u', 'an update id (integer ≥ 0)', u));
  if (U > u) return err(`${W}: first update id U ${U} > last update id u ${u}`);
  const bids = readLevels(o.b, W, 'b');
  if (typeof bids === 'string') return err(bids);
  const asks = readLevels(o.a, W, 'a');
  if (typeof asks === 'string') return err(asks);
  const d: DepthUpdate = {
    kind: 'depth',
    symbol: s as SymbolId,
    reset: false,
    bids,
    asks,
    firstUpdateId: U,
    lastUpdateId: u,
    ts: E as TimestampMs,
  };
  return ok(d);
}

function parseTrade(o: JsonObject): Parsed {
  const W = 'trade';
  const { s, T, m } = o;
  if (!isSymbol(s)) return err(fieldProblem(W, 's', 'a symbol', s));
  const price = decimal(o.p);
  if (!isPositive(price)) return err(fieldProblem(W, 'p', 'a decimal string > 0', o.p));
  const qty = decimal(o.q);
  if (!isPositive(qty)) return err(fieldProblem(W, 'q', 'a decimal string > 0', o.q));
  if (!isUint(T)) return err(fieldProblem(W, 'T', 'a trade time (integer ms)', T));
  if (typeof m !== 'boolean') return err(fieldProblem(W, 'm', 'a boolean', m));
  const t: TradeUpdate = {
    kind: 'trade',
    symbol: s as SymbolId,
    price,
    qty,
    side: m ? 'SELL' : 'BUY',
    ts: T as TimestampMs,
  };
  return ok(t);
}

function parseBookTicker(o: JsonObject, receivedAt: number): Parsed {
  const W = 'bookTicker';
  const { u, s } = o;
  if (!isUint(u)) return err(fieldProblem(W, 'u', 'an update id (integer ≥ 0)', u));
  if (!isSymbol(s)) return err(fieldProblem(W, 's', 'a symbol', s));
  const bidPrice = decimal(o.b);
  if (!isNonNegative(bidPrice)) return err(fieldProblem(W, 'b', 'a decimal string ≥ 0', o.b));
  const bidQty = decimal(o.B);
  if (!isNonNegative(bidQty)) return err(fieldProblem(W, 'B', 'a decimal string ≥ 0', o.B));
  const askPrice = decimal(o.a);
  if (!isNonNegative(askPrice)) return err(fieldProblem(W, 'a', 'a decimal string ≥ 0', o.a));
  const askQty = decimal(o.A);
  if (!isNonNegative(askQty)) return err(fieldProblem(W, 'A', 'a decimal string ≥ 0', o.A));
  const t: BookTickerUpdate = {
    kind: 'book_ticker',
    symbol: s as SymbolId,
    bidPrice,
    bidQty,
    askPrice,
    askQty,
    updateId: u,
    ts: receivedAt as TimestampMs,
  };
  return ok(t);
}

function parseKline(o: JsonObject): Parsed {
  const W = 'kline';
  const { E, s, k } = o;
  if (!isUint(E)) return err(fieldProblem(W, 'E', 'an event time (integer ms)', E));
  if (!isSymbol(s)) return err(fieldProblem(W, 's', 'a symbol', s));
  if (!isObject(k)) return err(fieldProblem(W, 'k', 'a kline object', k));
  const { t, T, i, x } = k;
  if (!isUint(t)) return err(fieldProblem(W, 'k.t', 'an open time (integer ms)', t));
  if (!isUint(T) || T < t) return err(fieldProblem(W, 'k.T', `a close time ≥ open time ${t}`, T));
  if (k.s !== s) return err(fieldProblem(W, 'k.s', `the event's symbol ${s}`, k.s));
  if (typeof i !== 'string' || !isKlineInterval(i)) {
    return err(fieldProblem(W, 'k.i', 'a Binance interval (1s, 1m, … 1w)', i));
  }
  if (typeof x !== 'boolean') return err(fieldProblem(W, 'k.x', 'a boolean', x));
  const open = decimal(k.o);
  const high = decimal(k.h);
  const low = decimal(k.l);
  const close = decimal(k.c);
  const volume = decimal(k.v);
  for (const [name, v, raw] of [
    ['k.o', open, k.o],
    ['k.h', high, k.h],
    ['k.l', low, k.l],
    ['k.c', close, k.c],
  ] as const) {
    if (!isPositive(v)) return err(fieldProblem(W, name, 'a decimal string > 0', raw));
  }
  if (!isNonNegative(volume)) return err(fieldProblem(W, 'k.v', 'a decimal string ≥ 0', k.v));
  const problem = barProblem(open, high, low, close, volume);
  if (problem !== null) return err(`${W} at ${t}: ${problem}`);
  const u: KlineUpdate = {
    kind: 'kline',
    symbol: s as SymbolId,
    interval: i,
    bar: { time: t, open, high, low, close, volume },
    closed: x,
    ts: E as TimestampMs,
  };
  return ok(u);
}
