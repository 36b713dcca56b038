// Every reply of Binance the adapter reads, validated at the boundary: JSON text in, a typed value
// or a precise error out (the path of the first bad field and what was wrong). Never throws.
import { z } from 'zod';
import type { SymbolRules } from './symbol-filters';

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

const DECIMAL = /^-?\d+(\.\d+)?$/;
/** Binance's decimal strings ("0.10000000"). */
const dec = z.string().regex(DECIMAL, 'not a decimal string').transform(Number);
const int = z.number().int();

function fromZod<T>(what: string, r: z.ZodSafeParseResult<T>): Parsed<T> {
  if (r.success) return { ok: true, value: r.data };
  const i = r.error.issues[0];
  const path = i && i.path.length > 0 ? i.path.join('.') : '(root)';
  return { ok: false, error: `${what}: ${path}: ${i?.message ?? 'invalid'}` };
}

/** JSON text → value of `schema`, or why not. */
function parseJson<S extends z.ZodType>(
  what: string,
  schema: S,
  text: string,
): Parsed<z.output<S>> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: `${what}: not JSON (${text.length} bytes)` };
  }
  return fromZod(what, schema.safeParse(json));
}

const errorSchema = z.object({ code: int, msg: z.string() });
export type BinanceErrorBody = z.output<typeof errorSchema>;
export const parseErrorBody = (text: string): Parsed<BinanceErrorBody> =>
  parseJson('error reply', errorSchema, text);

export const parseServerTime = (text: string): Parsed<{ serverTime: number }> =>
  parseJson('time reply', z.object({ serverTime: int }), text);

const rateLimitSchema = z.object({
  rateLimitType: z.enum(['REQUEST_WEIGHT', 'ORDERS', 'RAW_REQUESTS']),
  interval: z.enum(['SECOND', 'MINUTE', 'HOUR', 'DAY']),
  intervalNum: int.positive(),
  limit: int.positive(),
});
export type RateLimit = z.output<typeof rateLimitSchema>;

const filterSchema = z.looseObject({ filterType: z.string() });
const exchangeInfoSchema = z.object({
  rateLimits: z.array(rateLimitSchema),
  symbols: z.array(
    z.object({
      symbol: z.string().min(1),
      status: z.string(),
      baseAsset: z.string(),
      quoteAsset: z.string(),
      filters: z.array(filterSchema),
    }),
  ),
});

const priceFilter = z.object({ minPrice: dec, maxPrice: dec, tickSize: z.string().regex(DECIMAL) });
const lotSize = z.object({ minQty: dec, maxQty: dec, stepSize: z.string().regex(DECIMAL) });
const notional = z.object({ minNotional: dec, applyMinToMarket: z.boolean().optional() });
const minNotional = z.object({ minNotional: dec, applyToMarket: z.boolean().optional() });

/** exchangeInfo: the rate limits and, per symbol, its rules or why they are unusable. */
export interface ExchangeInfo {
  readonly rateLimits: readonly RateLimit[];
  readonly symbols: ReadonlyMap<string, SymbolRules | { readonly unusable: string }>;
}

export function parseExchangeInfo(text: string): Parsed<ExchangeInfo> {
  const base = parseJson('exchangeInfo', exchangeInfoSchema, text);
  if (!base.ok) return base;
  const symbols = new Map<string, SymbolRules | { unusable: string }>();
  for (const s of base.value.symbols) {
    const find = (t: string) => s.filters.find((f) => f.filterType === t);
    const pf = priceFilter.safeParse(find('PRICE_FILTER'));
    const ls = lotSize.safeParse(find('LOT_SIZE'));
    const nf = notional.safeParse(find('NOTIONAL'));
    const mn = minNotional.safeParse(find('MIN_NOTIONAL'));
    if (!pf.success || !ls.success) {
      symbols.set(s.symbol, {
        unusable: `${s.symbol}: PRICE_FILTER or LOT_SIZE missing or malformed`,
      });
      continue;
    }
    if (s.status !== 'TRADING') {
      symbols.set(s.symbol, { unusable: `${s.symbol} is not trading (status ${s.status})` });
      continue;
    }
    symbols.set(s.symbol, {
      symbol: s.symbol,
      baseAsset: s.baseAsset,
      quoteAsset: s.quoteAsset,
      tickSize: pf.data.tickSize,
      minPrice: pf.data.minPrice,
      maxPrice: pf.data.maxPrice,
      stepSize: ls.data.stepSize,
      minQty: ls.data.minQty,
      maxQty: ls.data.maxQty,
      minNotional: nf.success ? nf.data.minNotional : mn.success ? mn.data.minNotional : 0,
      notionalAppliesToMarket: nf.success
        ? (nf.data.applyMinToMarket ?? false)
        : mn.success
          ? (mn.data.applyToMarket ?? false)
          : false,
    });
  }
  return { ok: true, value: { rateLimits: base.value.rateLimits, symbols } };
}

const side = z.enum(['BUY', 'SELL']);
const orderStatus = z.enum([
  'NEW',
  'PENDING_NEW',
  'PARTIALLY_FILLED',
  'FILLED',
  'CANCELED',
  'PENDING_CANCEL',
  'REJECTED',
  'EXPIRED',
  'EXPIRED_IN_MATCH',
]);
export type BinanceOrderStatus = z.output<typeof orderStatus>;

const newOrderSchema = z.object({ symbol: z.string(), orderId: int, clientOrderId: z.string() });
export const parseNewOrder = (text: string) => parseJson('new order reply', newOrderSchema, text);

const orderSchema = z.object({
  symbol: z.string(),
  orderId: int,
  clientOrderId: z.string(),
  price: dec,
  origQty: dec,
  executedQty: dec,
  status: orderStatus,
  side,
  type: z.string(),
});
export type BinanceOrder = z.output<typeof orderSchema>;
export const parseOrder = (text: string) => parseJson('order reply', orderSchema, text);
export const parseOpenOrders = (text: string) =>
  parseJson('openOrders reply', z.array(orderSchema), text);

const cancelSchema = z.object({
  symbol: z.string(),
  orderId: int,
  origClientOrderId: z.string(),
  status: orderStatus,
});
export const parseCancel = (text: string) => parseJson('cancel reply', cancelSchema, text);

const accountSchema = z.object({
  balances: z.array(z.object({ asset: z.string(), free: dec, locked: dec })),
});
export const parseAccount = (text: string) => parseJson('account reply', accountSchema, text);

const tradeSchema = z.object({
  id: int,
  orderId: int,
  price: dec,
  qty: dec,
  commission: dec,
  commissionAsset: z.string(),
  time: int,
  isMaker: z.boolean(),
});
export type BinanceTrade = z.output<typeof tradeSchema>;
export const parseMyTrades = (text: string) =>
  parseJson('myTrades reply', z.array(tradeSchema), text);

const executionReportSchema = z.object({
  e: z.literal('executionReport'),
  E: int,
  s: z.string(),
  c: z.string(),
  S: side,
  o: z.string(),
  q: dec,
  p: dec,
  C: z.string(),
  x: z.enum([
    'NEW',
    'CANCELED',
    'REPLACED',
    'REJECTED',
    'TRADE',
    'EXPIRED',
    'TRADE_PREVENTION',
    'AMENDMENT',
  ]),
  X: orderStatus,
  r: z.string(),
  i: int,
  l: dec,
  z: dec,
  L: dec,
  n: dec,
  N: z.string().nullable(),
  T: int,
  t: int,
  m: z.boolean(),
});
export type ExecutionReport = z.output<typeof executionReportSchema>;

const accountPositionSchema = z.object({
  e: z.literal('outboundAccountPosition'),
  E: int,
  B: z.array(z.object({ a: z.string(), f: dec, l: dec })),
});

/** One frame of the WebSocket API, as the user stream reads it. */
export type WsFrame =
  | {
      readonly kind: 'response';
      readonly id: string | number | null;
      readonly status: number;
      readonly error?: BinanceErrorBody;
    }
  | { readonly kind: 'execution'; readonly report: ExecutionReport }
  | {
      readonly kind: 'account';
      readonly balances: readonly { asset: string; free: number; locked: number }[];
    }
  | { readonly kind: 'terminated' }
  | { readonly kind: 'other'; readonly event: string };

const frameSchema = z.union([
  z.object({
    id: z.union([z.string(), z.number(), z.null()]),
    status: int,
    error: errorSchema.optional(),
  }),
  z.object({ subscriptionId: int.optional(), event: z.looseObject({ e: z.string() }) }),
]);

export function parseWsFrame(text: string): Parsed<WsFrame> {
  const f = parseJson('stream frame', frameSchema, text);
  if (!f.ok) return f;
  const v = f.value;
  if ('status' in v) {
    return {
      ok: true,
      value: {
        kind: 'response',
        id: v.id,
        status: v.status,
        ...(v.error ? { error: v.error } : {}),
      },
    };
  }
  switch (v.event.e) {
    case 'executionReport': {
      const r = fromZod('executionReport', executionReportSchema.safeParse(v.event));
      return r.ok ? { ok: true, value: { kind: 'execution', report: r.value } } : r;
    }
    case 'outboundAccountPosition': {
      const r = fromZod('outboundAccountPosition', accountPositionSchema.safeParse(v.event));
      if (!r.ok) return r;
      const balances = r.value.B.map((b) => ({ asset: b.a, free: b.f, locked: b.l }));
      return { ok: true, value: { kind: 'account', balances } };
    }
    case 'eventStreamTerminated':
      return { ok: true, value: { kind: 'terminated' } };
    default:
      return { ok: true, value: { kind: 'other', event: v.event.e } };
  }
}
