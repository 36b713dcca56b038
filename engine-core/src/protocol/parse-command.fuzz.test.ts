import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EngineCommand, ExecStatus } from '../model/commands';
import { clientOrderId, symbolId, timestampMs } from '../model/ids';
import type { OrderPricing, OrderRequest } from '../model/order';
import { assertNever } from '../util/assert';
import { formatCommand } from './format-command';
import { parseCommand } from './parse-command';

// Seeded, so that a failure reproduces. ~125 000 parsed lines in all.
const SEED = 42;

const ID_PATTERN = /^[A-Za-z0-9._:/-]{1,64}$/;
const SYMBOL_PATTERN = /^[A-Z0-9._:/-]{1,32}$/;

const isPositive = (x: number | null): boolean => x !== null && Number.isFinite(x) && x > 0;

/** The first broken invariant of a parsed command, or null. */
function violation(c: EngineCommand): string | null {
  switch (c.type) {
    case 'submit_order': {
      const r = c.request;
      if (!isPositive(r.qty)) return `qty ${r.qty}`;
      if (!ID_PATTERN.test(r.clientOrderId)) return `id ${r.clientOrderId}`;
      if (!SYMBOL_PATTERN.test(r.symbol)) return `symbol ${r.symbol}`;
      if (r.side !== 'BUY' && r.side !== 'SELL') return `side ${r.side}`;
      if (!['GTC', 'IOC', 'FOK'].includes(r.tif)) return `tif ${r.tif}`;
      if (r.postOnly && r.type !== 'LIMIT') return 'post_only on a non-LIMIT order';
      const keys = Object.keys(r).sort().join(',');
      const common = 'clientOrderId,postOnly,qty,reduceOnly,side,symbol,tif,type';
      const shape: Record<OrderRequest['type'], string> = {
        MARKET: common,
        LIMIT: `${common},price`,
        STOP: `${common},stopPrice`,
        STOP_LIMIT: `${common},price,stopPrice`,
      };
      if (keys !== [...shape[r.type].split(',')].sort().join(','))
        return `shape ${r.type}: ${keys}`;
      if ('price' in r && !isPositive(r.price)) return `price ${r.price}`;
      if ('stopPrice' in r && !isPositive(r.stopPrice)) return `stop ${r.stopPrice}`;
      return null;
    }
    case 'cancel_order':
      return ID_PATTERN.test(c.clientOrderId) ? null : `id ${c.clientOrderId}`;
    case 'query':
      if (c.what === 'order') return ID_PATTERN.test(c.clientOrderId) ? null : 'query id';
      return ['orders', 'account', 'positions'].includes(c.what) ? null : `what ${c.what}`;
    case 'market_tick':
      if (!isPositive(c.price)) return `tick price ${c.price}`;
      if (c.ts !== null && !(Number.isSafeInteger(c.ts) && c.ts >= 0)) return `ts ${c.ts}`;
      return SYMBOL_PATTERN.test(c.symbol) ? null : `symbol ${c.symbol}`;
    case 'execution_report': {
      if (!ID_PATTERN.test(c.clientOrderId)) return 'exec id';
      const fills = c.status === 'FILLED' || c.status === 'PARTIALLY_FILLED';
      if (fills && !(isPositive(c.fillQty) && isPositive(c.fillPrice)))
        return 'fill without qty/price';
      if (c.fillQty !== null && !isPositive(c.fillQty)) return `fill_qty ${c.fillQty}`;
      if (c.fillPrice !== null && !isPositive(c.fillPrice)) return `fill_price ${c.fillPrice}`;
      if (c.fee !== null && !Number.isFinite(c.fee)) return `fee ${c.fee}`;
      return null;
    }
    default:
      return assertNever(c);
  }
}

/** Parses a line; checks it never throws, gives ok|err, and that commands keep the invariants. */
function check(line: string): void {
  const r = parseCommand(line);
  if (!r.ok) {
    if (typeof r.error !== 'string' || r.error.length === 0) throw new Error('empty error');
    return;
  }
  if (r.value === null) return;
  const v = violation(r.value);
  if (v !== null) throw new Error(`invariant broken (${v}) for ${JSON.stringify(line)}`);
  // Every command that parses writes back to a line that parses to the same command.
  expect(parseCommand(formatCommand(r.value))).toEqual({ ok: true, value: r.value });
}

// --- valid commands ---------------------------------------------------------------------------

const ID_CHARS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:/-'];
const idArb = fc.string({ unit: fc.constantFrom(...ID_CHARS), minLength: 1, maxLength: 64 });
const symbolArb = fc
  .string({ unit: fc.constantFrom(...ID_CHARS), minLength: 1, maxLength: 32 })
  .map((s) => s.toUpperCase());
const positiveArb = fc.oneof(
  fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true }),
  fc.constantFrom(0.01, 1, 49000, 1e-8, 123456.789),
);

const pricingArb: fc.Arbitrary<OrderPricing> = fc.oneof(
  fc.constant({ type: 'MARKET' as const }),
  positiveArb.map((price) => ({ type: 'LIMIT' as const, price })),
  positiveArb.map((stopPrice) => ({ type: 'STOP' as const, stopPrice })),
  fc.tuple(positiveArb, positiveArb).map(([stopPrice, price]) => ({
    type: 'STOP_LIMIT' as const,
    stopPrice,
    price,
  })),
);

const orderArb: fc.Arbitrary<EngineCommand> = fc
  .record({
    pricing: pricingArb,
    id: idArb,
    symbol: symbolArb,
    side: fc.constantFrom('BUY' as const, 'SELL' as const),
    qty: positiveArb,
    tif: fc.constantFrom('GTC' as const, 'IOC' as const, 'FOK' as const),
    postOnly: fc.boolean(),
    reduceOnly: fc.boolean(),
  })
  .map((o) => ({
    type: 'submit_order',
    request: {
      ...o.pricing,
      clientOrderId: clientOrderId(o.id),
      symbol: symbolId(o.symbol),
      side: o.side,
      qty: o.qty,
      tif: o.tif,
      postOnly: o.postOnly && o.pricing.type === 'LIMIT',
      reduceOnly: o.reduceOnly,
    },
  }));

const STATUSES: ExecStatus[] = [
  'ACCEPTED',
  'PARTIALLY_FILLED',
  'FILLED',
  'CANCELLED',
  'REJECTED',
  'EXPIRED',
];
const optional = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(a, { nil: null });

const execArb: fc.Arbitrary<EngineCommand> = fc
  .record({
    id: idArb,
    status: fc.constantFrom(...STATUSES),
    fillQty: positiveArb,
    fillPrice: positiveArb,
    hasFill: fc.boolean(),
    fee: optional(fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => x + 0)),
    feeAsset: optional(symbolArb),
    venueOrderId: optional(fc.string({ unit: 'binary', minLength: 1, maxLength: 60 })),
    reason: optional(fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), idArb)),
    liquidity: optional(fc.constantFrom('MAKER' as const, 'TAKER' as const)),
  })
  .map((x) => {
    const fills = x.hasFill || x.status === 'FILLED' || x.status === 'PARTIALLY_FILLED';
    return {
      type: 'execution_report',
      clientOrderId: clientOrderId(x.id),
      status: x.status,
      fillQty: fills ? x.fillQty : null,
      fillPrice: fills ? x.fillPrice : null,
      fee: x.fee,
      feeAsset: x.feeAsset,
      venueOrderId: x.venueOrderId,
      reason: x.reason,
      liquidity: x.liquidity,
    };
  });

const commandArb: fc.Arbitrary<EngineCommand> = fc.oneof(
  { arbitrary: orderArb, weight: 4 },
  idArb.map((id): EngineCommand => ({ type: 'cancel_order', clientOrderId: clientOrderId(id) })),
  fc.oneof(
    fc.constantFrom<EngineCommand>(
      { type: 'query', what: 'orders' },
      { type: 'query', what: 'account' },
      { type: 'query', what: 'positions' },
    ),
    idArb.map(
      (id): EngineCommand => ({ type: 'query', what: 'order', clientOrderId: clientOrderId(id) }),
    ),
  ),
  fc.record({ symbol: symbolArb, price: positiveArb, ts: optional(fc.maxSafeNat()) }).map(
    (m): EngineCommand => ({
      type: 'market_tick',
      symbol: symbolId(m.symbol),
      price: m.price,
      ts: m.ts === null ? null : timestampMs(m.ts),
    }),
  ),
  { arbitrary: execArb, weight: 2 },
);

/** The JSON form of a command, with the wire field names. */
function toJson(c: EngineCommand): string {
  switch (c.type) {
    case 'submit_order': {
      const r = c.request;
      return JSON.stringify({
        cmd: 'order',
        side: r.side,
        symbol: r.symbol,
        qty: r.qty,
        price: r.type === 'LIMIT' || r.type === 'STOP_LIMIT' ? r.price : 'MARKET',
        client_order_id: r.clientOrderId,
        type: r.type,
        stop: r.type === 'STOP' || r.type === 'STOP_LIMIT' ? r.stopPrice : null,
        tif: r.tif,
        post_only: r.postOnly,
        reduce_only: r.reduceOnly,
      });
    }
    case 'cancel_order':
      return JSON.stringify({ cmd: 'cancel', client_order_id: c.clientOrderId });
    case 'query':
      return JSON.stringify({
        cmd: 'query',
        what: c.what,
        client_order_id: c.what === 'order' ? c.clientOrderId : undefined,
      });
    case 'market_tick':
      return JSON.stringify({ cmd: 'market', symbol: c.symbol, price: c.price, ts_ms: c.ts });
    case 'execution_report':
      return JSON.stringify({
        cmd: 'exec',
        client_order_id: c.clientOrderId,
        status: c.status,
        fill_qty: c.fillQty,
        fill_price: c.fillPrice,
        fee: c.fee,
        fee_asset: c.feeAsset,
        venue_order_id: c.venueOrderId,
        reason: c.reason,
        liquidity: c.liquidity,
      });
    default:
      return assertNever(c);
  }
}

// --- hostile input -----------------------------------------------------------------------------

const INJECTIONS = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-1e309',
  '-0',
  '0',
  '+0',
  '1e-400',
  '5e-324',
  '1.7976931348623157e308',
  '99999999999999999999999',
  '0x10',
  '0b1',
  '1_0',
  '٣',
  '１',
  '\u00a0',
  '\u2028',
  '\u0000',
  '\u0085',
  '😀',
  '\uD800',
  '\uDC00',
  '"',
  '\\',
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '#',
  '=',
  '==',
  'type=',
  'stop=-1',
  'stop=0',
  'stop=1e309',
  'stop=5',
  'tif=GTC',
  'tif=ioc',
  'post_only=1',
  'post_only=true',
  'reduce_only=yes',
  'type=STOP',
  'type=stop_limit',
  'type=MARKET',
  'type=LIMIT',
  'MARKET',
  'market',
  'BUY',
  'sell',
  'ORDER',
  'CANCEL',
  'QUERY',
  'EXEC',
  'ORDERS',
  'ACCOUNT',
  'FILLED',
  'partially_filled',
  'fill_qty=1',
  'fill_price=0',
  'fee=NaN',
  'fee=-0',
  'liquidity=MAKER',
  'reason=a',
  'venue_order_id=x',
  'null',
  'true',
  'false',
  '"x"',
  ',"foo":1',
  ',"qty":-1',
  ',"price":"MARKET"',
  '"cmd":',
  '\t',
  '  ',
  '\r',
  'a'.repeat(70),
  '-1',
  '0.0',
  '.5',
  '5.',
  'e5',
  '1e',
  '--1',
  '1e+21',
  '1.5',
  '9007199254740993',
  '__proto__',
  'constructor',
];
const VOCAB = [
  'ORDER',
  'CANCEL',
  'QUERY',
  'MARKET',
  'EXEC',
  'BUY',
  'SELL',
  'buy',
  'ORDERS',
  'ORDER',
  'ACCOUNT',
  'POSITIONS',
  'BTCUSDT',
  'ethusdt',
  'a1',
  'id-2',
  '0.01',
  '49000',
  '1',
  '100',
  '1700000000000',
  'type=LIMIT',
  'type=MARKET',
  'type=STOP',
  'type=STOP_LIMIT',
  'stop=48000',
  'tif=GTC',
  'tif=IOC',
  'tif=FOK',
  'post_only=1',
  'post_only=0',
  'reduce_only=1',
  'reduce_only=false',
  'ACCEPTED',
  'PARTIALLY_FILLED',
  'FILLED',
  'CANCELLED',
  'REJECTED',
  'EXPIRED',
  'fill_qty=0.5',
  'fill_price=49000',
  'fee=0.1',
  'fee_asset=USDT',
  'venue_order_id=9',
  'reason=x',
  'liquidity=TAKER',
  '#',
];

const injectionArb = fc.oneof(
  { arbitrary: fc.constantFrom(...INJECTIONS), weight: 3 },
  fc.string({ unit: 'binary', maxLength: 6 }),
);

/** One edit of a line, by token or by character. */
type Mutation = {
  readonly op: number;
  readonly i: number;
  readonly j: number;
  readonly text: string;
};
const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  op: fc.integer({ min: 0, max: 9 }),
  i: fc.nat(),
  j: fc.nat(),
  text: injectionArb,
});

function mutate(line: string, m: Mutation): string {
  const t = line.split(' ');
  const i = m.i % t.length;
  const j = m.j % t.length;
  const p = line.length === 0 ? 0 : m.i % line.length;
  switch (m.op) {
    case 0:
      t.splice(i, 1);
      break;
    case 1:
      t.splice(i, 0, t[i] ?? '');
      break;
    case 2:
      [t[i], t[j]] = [t[j] ?? '', t[i] ?? ''];
      break;
    case 3:
      t[i] = m.text;
      break;
    case 4:
      t.splice(i, 0, m.text);
      break;
    case 5:
      return line.slice(0, p) + m.text.slice(0, 1) + line.slice(p + 1);
    case 6:
      return line.slice(0, p) + m.text + line.slice(p);
    case 7:
      t[i] = m.j % 2 === 0 ? (t[i] ?? '').toLowerCase() : (t[i] ?? '').toUpperCase();
      break;
    case 8: {
      const tok = t[i] ?? '';
      const eq = tok.indexOf('=');
      t[i] = eq >= 0 ? tok.slice(0, eq + 1) + m.text : m.text;
      break;
    }
    default:
      return line.slice(0, p);
  }
  return t.join(' ');
}

const anyLineArb = fc.oneof(commandArb.map(formatCommand), commandArb.map(toJson));

describe('parseCommand fuzz', () => {
  it('survives random strings (binary and ASCII)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), check), {
      seed: SEED,
      numRuns: 15_000,
    });
    fc.assert(fc.property(fc.string({ unit: 'binary-ascii', maxLength: 300 }), check), {
      seed: SEED,
      numRuns: 15_000,
    });
  });

  it('survives token soup from the grammar', () => {
    const soup = fc
      .array(fc.oneof(fc.constantFrom(...VOCAB), injectionArb, idArb), { maxLength: 12 })
      .chain((tokens) =>
        fc
          .array(fc.constantFrom(' ', '  ', '\t', ' \r'), {
            minLength: tokens.length,
            maxLength: tokens.length,
          })
          .map((seps) => tokens.map((tok, k) => `${seps[k]}${tok}`).join('')),
      );
    fc.assert(fc.property(soup, check), { seed: SEED, numRuns: 25_000 });
  });

  it('survives mutations of valid text and JSON lines', () => {
    const mutated = fc
      .tuple(anyLineArb, fc.array(mutationArb, { minLength: 1, maxLength: 4 }))
      .map(([line, ms]) => ms.reduce(mutate, line));
    fc.assert(fc.property(mutated, check), { seed: SEED, numRuns: 30_000 });
  });

  it('survives random JSON objects with the wire field names', () => {
    const keys = [
      'side',
      'symbol',
      'qty',
      'price',
      'client_order_id',
      'type',
      'stop',
      'tif',
      'post_only',
      'reduce_only',
      'what',
      'ts_ms',
      'status',
      'fill_qty',
      'fill_price',
      'fee',
      'fee_asset',
      'venue_order_id',
      'reason',
      'liquidity',
      'foo',
    ];
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.double(),
      fc.constantFrom('BUY', 'sell', 'MARKET', 'LIMIT', 'STOP', 'FILLED', 'order', 'a1', 'BTCUSDT'),
    );
    const obj = fc
      .tuple(
        fc.constantFrom('order', 'cancel', 'query', 'market', 'exec', 'ORDER', 'x', 5, null),
        fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 9 }),
      )
      .map(([cmd, rest]) => JSON.stringify({ cmd, ...rest }));
    fc.assert(fc.property(obj, check), { seed: SEED, numRuns: 10_000 });
  });

  it('reads every valid command back from its text and JSON forms', () => {
    fc.assert(
      fc.property(commandArb, (cmd) => {
        expect(parseCommand(formatCommand(cmd))).toEqual({ ok: true, value: cmd });
        expect(parseCommand(toJson(cmd))).toEqual({ ok: true, value: cmd });
      }),
      { seed: SEED, numRuns: 10_000 },
    );
  });

  it('refuses long lines and never throws on them', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 20_000, maxLength: 70_000 }), check),
      { seed: SEED, numRuns: 20 },
    );
  });
});
