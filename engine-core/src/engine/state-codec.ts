import { z } from 'zod';
import type {
  Asset,
  Balance,
  ClientOrderId,
  Instrument,
  OrderState,
  Position,
  SymbolId,
  TimestampMs,
} from '../model';
import { err, ok, type Result } from '../util';
import { createState, type EngineState, type RiskState } from './engine-state';

/**
 * An `EngineState` as plain JSON-safe data (snapshot format, version 1). Maps and Sets become
 * arrays of entries in insertion order, which replay depends on (equity sums balances in that
 * order; the simulated venue walks `openOrders` in that order). `valuationSymbols` is not stored:
 * it is rebuilt from `instruments` and `accountAsset` the way `createState` builds it.
 */
export interface SerializedState {
  readonly version: 1;
  readonly accountAsset: Asset;
  readonly orderRateWindowMs: number;
  readonly keepFinishedOrders: boolean;
  readonly trackRisk: boolean;
  readonly instruments: readonly (readonly [SymbolId, Instrument])[];
  readonly orders: readonly (readonly [ClientOrderId, OrderState])[];
  readonly openOrders: readonly ClientOrderId[];
  readonly balances: readonly (readonly [Asset, Balance])[];
  readonly positions: readonly (readonly [SymbolId, Position])[];
  readonly marks: readonly (readonly [SymbolId, number])[];
  readonly risk: RiskState;
  readonly nextSeq: number;
  readonly lastTs: TimestampMs;
}

/**
 * Captures `state` as plain data. Mutable parts (the Maps, the Set, `risk.recentOrderTs`) are
 * copied; the order, balance, position and instrument objects are shared, since `applyEvent`
 * replaces them rather than mutating them. So the result stays valid while the engine runs on.
 * Non-finite numbers (NaN, ±Infinity) pass through here but cannot cross JSON; `encodeSnapshot`
 * refuses them.
 */
export function serializeState(state: EngineState): SerializedState {
  return {
    version: 1,
    accountAsset: state.accountAsset,
    orderRateWindowMs: state.orderRateWindowMs,
    keepFinishedOrders: state.keepFinishedOrders,
    trackRisk: state.trackRisk,
    instruments: [...state.instruments],
    orders: [...state.orders],
    openOrders: [...state.openOrders],
    // Copies: the reducer updates balance records in place.
    balances: [...state.balances].map(([a, b]) => [a, { free: b.free, locked: b.locked }] as const),
    positions: [...state.positions],
    marks: [...state.marks],
    risk: { ...state.risk, recentOrderTs: [...state.risk.recentOrderTs] },
    nextSeq: state.nextSeq,
    lastTs: state.lastTs,
  };
}

// ---- Schemas of the model types. They keep unknown keys (`looseObject`) so that decoding what
// was encoded gives back the very same objects, extra fields included: `applyEvent` stores some
// event objects (the request, the reservation) in state as they are.

/** An asset code. */
export const assetSchema = z.string().transform((s) => s as Asset);
/** An instrument symbol. */
export const symbolIdSchema = z.string().transform((s) => s as SymbolId);
/** A client order id. */
export const clientOrderIdSchema = z.string().transform((s) => s as ClientOrderId);
/** A millisecond timestamp (any finite number: the decoder accepts what the types allow). */
export const timestampSchema = z.number().transform((n) => n as TimestampMs);
/** An order side. */
export const sideSchema = z.enum(['BUY', 'SELL']);
/** A fill's liquidity flag. */
export const liquiditySchema = z.enum(['MAKER', 'TAKER']);

/** Schema of `Reservation`. */
export const reservationSchema = z.looseObject({ asset: z.string(), amount: z.number() });

const requestFields = {
  clientOrderId: clientOrderIdSchema,
  symbol: symbolIdSchema,
  side: sideSchema,
  qty: z.number(),
  tif: z.enum(['GTC', 'IOC', 'FOK']),
  postOnly: z.boolean(),
  reduceOnly: z.boolean(),
};

/** Schema of `OrderRequest`, keyed by order `type`. */
export const orderRequestSchema = z.discriminatedUnion('type', [
  z.looseObject({ ...requestFields, type: z.literal('MARKET') }),
  z.looseObject({ ...requestFields, type: z.literal('LIMIT'), price: z.number() }),
  z.looseObject({ ...requestFields, type: z.literal('STOP'), stopPrice: z.number() }),
  z.looseObject({
    ...requestFields,
    type: z.literal('STOP_LIMIT'),
    stopPrice: z.number(),
    price: z.number(),
  }),
]);

const instrumentSchema = z.looseObject({
  symbol: symbolIdSchema,
  base: assetSchema,
  quote: assetSchema,
  tickSize: z.number(),
  lotSize: z.number(),
  minQty: z.number(),
  minNotional: z.number(),
  margin: z
    .strictObject({
      leverage: z.number().positive(),
      maintenanceMarginRate: z.number().nonnegative(),
    })
    .optional(),
});

const orderStateSchema = z.looseObject({
  request: orderRequestSchema,
  status: z.enum([
    'NEW',
    'ACCEPTED',
    'PARTIALLY_FILLED',
    'FILLED',
    'CANCELLED',
    'REJECTED',
    'EXPIRED',
  ]),
  venueOrderId: z.string().nullable(),
  executedQty: z.number(),
  cumQuote: z.number(),
  fees: z.number(),
  reserved: reservationSchema.nullable(),
  triggered: z.boolean(),
  reason: z.string().nullable(),
  createdTs: timestampSchema,
  lastTs: timestampSchema,
  seq: z.number(),
});

const balanceSchema = z.looseObject({ free: z.number(), locked: z.number() });

const positionSchema = z.looseObject({
  symbol: symbolIdSchema,
  qty: z.number(),
  avgPrice: z.number(),
  realizedPnl: z.number(),
});

const entries = <K extends z.ZodType, V extends z.ZodType>(key: K, value: V) =>
  z.array(z.tuple([key, value]));

const serializedStateSchema = z.object({
  version: z.literal(1),
  accountAsset: assetSchema,
  orderRateWindowMs: z.number(),
  keepFinishedOrders: z.boolean().default(true),
  trackRisk: z.boolean().default(true),
  instruments: entries(symbolIdSchema, instrumentSchema),
  orders: entries(clientOrderIdSchema, orderStateSchema),
  openOrders: z.array(clientOrderIdSchema),
  balances: entries(assetSchema, balanceSchema),
  positions: entries(symbolIdSchema, positionSchema),
  marks: entries(symbolIdSchema, z.number()),
  risk: z.object({
    recentOrderTs: z.array(z.number()),
    peakEquity: z.number(),
    day: z.number(),
    dayStartEquity: z.number(),
    killSwitch: z.string().nullable(),
  }),
  nextSeq: z.number(),
  lastTs: timestampSchema,
});

/** Formats a zod issue path as `a.b[2].c`. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const k of path) {
    if (typeof k === 'number') out += `[${k}]`;
    else out += out === '' ? String(k) : `.${String(k)}`;
  }
  return out;
}

/** The first issue of a failed zod parse as `path: what was wrong`, for one-line messages. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid value';
  const where = formatPath(issue.path);
  const what = issue.message.replace(/^Invalid input: /, '');
  const more = error.issues.length > 1 ? ` (+${error.issues.length - 1} more)` : '';
  return `${where === '' ? '(root)' : where}: ${what}${more}`;
}

/** Builds a Map from entries, refusing a repeated key (a Map would silently keep the last). */
function toMap<K, V>(field: string, list: readonly (readonly [K, V])[]): Result<Map<K, V>, string> {
  const map = new Map<K, V>();
  for (const [i, [k, v]] of list.entries()) {
    if (map.has(k)) return err(`${field}[${i}]: duplicate key ${JSON.stringify(k)}`);
    map.set(k, v);
  }
  return ok(map);
}

/**
 * Rebuilds an `EngineState` from `serializeState` output that went through JSON. Checks the shape
 * and the cross-references a Map or Set would otherwise hide (repeated keys, an instrument filed
 * under another symbol, an open order that does not exist), and reports the first problem as
 * `path: reason`. The result shares nothing with `data`.
 */
export function deserializeState(data: unknown): Result<EngineState, string> {
  if (typeof data === 'object' && data !== null && 'version' in data && data.version !== 1) {
    return err(`version: unsupported state version ${JSON.stringify(data.version)} (expected 1)`);
  }
  const parsed = serializedStateSchema.safeParse(data);
  if (!parsed.success) return err(describeZodError(parsed.error));
  const d = parsed.data;

  for (const [i, [k, inst]] of d.instruments.entries()) {
    if (k !== inst.symbol)
      return err(`instruments[${i}]: key ${k} holds instrument ${inst.symbol}`);
  }
  const instruments = toMap('instruments', d.instruments);
  if (!instruments.ok) return instruments;
  const orders = toMap<ClientOrderId, OrderState>('orders', d.orders);
  if (!orders.ok) return orders;
  const balances = toMap<Asset, Balance>('balances', d.balances);
  if (!balances.ok) return balances;
  const positions = toMap<SymbolId, Position>('positions', d.positions);
  if (!positions.ok) return positions;
  const marks = toMap('marks', d.marks);
  if (!marks.ok) return marks;

  // createState owns the rule for valuationSymbols; reuse it rather than store a derived map.
  const state = createState(
    d.accountAsset,
    [...instruments.value.values()],
    d.orderRateWindowMs,
    d.keepFinishedOrders,
    d.trackRisk,
  );
  for (const [i, id] of d.openOrders.entries()) {
    if (!orders.value.has(id)) return err(`openOrders[${i}]: unknown order ${JSON.stringify(id)}`);
    if (state.openOrders.has(id))
      return err(`openOrders[${i}]: duplicate id ${JSON.stringify(id)}`);
    state.openOrders.add(id);
  }
  copyInto(state.orders, orders.value);
  copyInto(state.balances, balances.value);
  copyInto(state.positions, positions.value);
  copyInto(state.marks, marks.value);
  state.risk = d.risk;
  state.nextSeq = d.nextSeq;
  state.lastTs = d.lastTs;
  return ok(state);
}

function copyInto<K, V>(target: Map<K, V>, source: ReadonlyMap<K, V>): void {
  for (const [k, v] of source) target.set(k, v);
}
