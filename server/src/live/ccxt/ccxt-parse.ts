// The one place where ccxt's loosely typed unified structures (orders, trades, balances, markets)
// become our types. Everything else sees only what these validators let through.
import { z } from 'zod';

/** A spot market as ccxt loaded it. */
export interface ParsedMarket {
  /** ccxt's unified symbol, `BTC/USDT`. */
  readonly symbol: string;
  /** The venue's instrument id, `BTC-USDT` (OKX), `BTCUSDT` (Bybit), `BTC-USD` (Coinbase). */
  readonly id: string;
  readonly base: string;
  readonly quote: string;
}

export type ParsedOrderStatus = 'open' | 'closed' | 'canceled' | 'expired' | 'rejected';

export interface ParsedOrder {
  readonly venueOrderId: string;
  readonly clientOrderId: string | undefined;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly status: ParsedOrderStatus;
  readonly amount: number;
  readonly filled: number;
  readonly price: number | undefined;
  readonly timestamp: number | undefined;
}

export interface ParsedTrade {
  readonly tradeId: string;
  readonly venueOrderId: string;
  readonly symbol: string;
  readonly amount: number;
  readonly price: number;
  readonly timestamp: number;
  readonly fee: number;
  readonly feeAsset: string;
  readonly liquidity: 'MAKER' | 'TAKER';
}

export interface ParsedBalance {
  readonly asset: string;
  readonly free: number;
  readonly locked: number;
}

const num = z.number().finite();
const optNum = num.nullish();
const id = z.union([z.string().min(1), z.number().transform(String)]);

const marketSchema = z.object({
  symbol: z.string().min(1),
  id: z.string().min(1),
  base: z.string().min(1),
  quote: z.string().min(1),
  spot: z.boolean().nullish(),
  active: z.boolean().nullish(),
});

const orderSchema = z.object({
  id,
  clientOrderId: z.string().nullish(),
  symbol: z.string().min(1),
  side: z.enum(['buy', 'sell']),
  status: z.enum(['open', 'closed', 'canceled', 'expired', 'rejected']),
  amount: num.nonnegative(),
  filled: optNum,
  price: optNum,
  timestamp: optNum,
});

const tradeSchema = z.object({
  id,
  order: id,
  symbol: z.string().min(1),
  amount: num.positive(),
  price: num.positive(),
  timestamp: num,
  takerOrMaker: z.enum(['taker', 'maker']).nullish(),
  fee: z.object({ cost: optNum, currency: z.string().nullish() }).nullish(),
});

/** Why a reply did not pass validation, with the path of the first bad field. */
export class ParseError extends Error {
  override readonly name = 'ParseError';
}

function fail(what: string, e: z.ZodError): never {
  const first = e.issues[0];
  throw new ParseError(`${what}: ${first?.path.join('.') ?? ''} ${first?.message ?? 'invalid'}`);
}

/** Markets from `loadMarkets()`; non-spot and inactive ones are dropped. */
export function parseMarkets(raw: unknown): ParsedMarket[] {
  if (typeof raw !== 'object' || raw === null) throw new ParseError('markets: not an object');
  const out: ParsedMarket[] = [];
  for (const value of Object.values(raw)) {
    // Derivative entries may lack fields a spot market has: skip them before validating.
    if ((value as { spot?: unknown } | null)?.spot !== true) continue;
    const r = marketSchema.safeParse(value);
    if (!r.success) fail('market', r.error);
    if (r.data.active === false) continue;
    out.push({ symbol: r.data.symbol, id: r.data.id, base: r.data.base, quote: r.data.quote });
  }
  return out;
}

/** One ccxt order. A fill larger than the amount is refused: it would break the fill arithmetic. */
export function parseOrder(raw: unknown): ParsedOrder {
  const r = orderSchema.safeParse(raw);
  if (!r.success) fail('order', r.error);
  const o = r.data;
  const filled = o.filled ?? 0;
  if (filled < 0 || filled > o.amount * (1 + 1e-9)) {
    throw new ParseError(`order: filled ${filled} outside 0..${o.amount}`);
  }
  return {
    venueOrderId: o.id,
    clientOrderId: o.clientOrderId ?? undefined,
    symbol: o.symbol,
    side: o.side,
    status: o.status,
    amount: o.amount,
    filled,
    price: o.price ?? undefined,
    timestamp: o.timestamp ?? undefined,
  };
}

/** A list of ccxt orders. */
export function parseOrders(raw: unknown): ParsedOrder[] {
  if (!Array.isArray(raw)) throw new ParseError('orders: not an array');
  return raw.map(parseOrder);
}

/** A list of ccxt trades; the fee is reported as a positive cost. */
export function parseTrades(raw: unknown): ParsedTrade[] {
  if (!Array.isArray(raw)) throw new ParseError('trades: not an array');
  return raw.map((value) => {
    const r = tradeSchema.safeParse(value);
    if (!r.success) fail('trade', r.error);
    const t = r.data;
    return {
      tradeId: t.id,
      venueOrderId: t.order,
      symbol: t.symbol,
      amount: t.amount,
      price: t.price,
      timestamp: t.timestamp,
      fee: Math.abs(t.fee?.cost ?? 0),
      feeAsset: t.fee?.currency ?? '',
      liquidity: t.takerOrMaker === 'maker' ? 'MAKER' : 'TAKER',
    };
  });
}

const balanceEntry = z.object({ free: optNum, used: optNum, total: optNum });

/** ccxt's balance structure: one `{free, used, total}` per asset code beside info/timestamps. */
export function parseBalances(raw: unknown): ParsedBalance[] {
  if (typeof raw !== 'object' || raw === null) throw new ParseError('balance: not an object');
  const out: ParsedBalance[] = [];
  for (const [asset, value] of Object.entries(raw)) {
    if (['info', 'timestamp', 'datetime', 'free', 'used', 'total', 'debt'].includes(asset))
      continue;
    const r = balanceEntry.safeParse(value);
    if (!r.success) fail(`balance ${asset}`, r.error);
    const free = r.data.free ?? 0;
    const locked = r.data.used ?? Math.max(0, (r.data.total ?? free) - free);
    out.push({ asset, free, locked });
  }
  return out;
}

/** The venue's time from `fetchTime()`, in ms. */
export function parseTime(raw: unknown): number {
  const r = num.safeParse(raw);
  if (!r.success) fail('time', r.error);
  return r.data;
}
