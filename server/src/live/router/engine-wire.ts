// The few engine events (DESIGN §8) the router reads, parsed from the link's loose JSON into
// typed values. Anything else, or a malformed line, is ignored (null): the router never acts
// on a guess.
import { z } from 'zod';
import type { EngineEvent } from '../../engine-process/engine-link';
import type { LiveOrderType, Side, TimeInForce } from '../venue-adapter';

const status = z.enum([
  'NEW',
  'ACCEPTED',
  'PARTIALLY_FILLED',
  'FILLED',
  'CANCELLED',
  'REJECTED',
  'EXPIRED',
]);
/** An order's status as the engine prints it. */
export type EngineOrderStatus = z.infer<typeof status>;

const side = z.enum(['BUY', 'SELL']);
const orderType = z.enum(['MARKET', 'LIMIT', 'STOP', 'STOP_LIMIT']);
const tif = z.enum(['GTC', 'IOC', 'FOK']);
const id = z.string().min(1);
const num = z.number().finite();

const orderReceived = z.object({
  type: z.literal('order_received'),
  client_order_id: id,
  order_type: orderType,
  tif,
  post_only: z.boolean(),
  reduce_only: z.boolean(),
});

const orderUpdate = z.object({
  type: z.literal('order_update'),
  client_order_id: id,
  status,
  symbol: z.string().optional(),
  side: side.optional(),
  qty: num.optional(),
  price: num.nullable().optional(),
  order_type: orderType.optional(),
  stop: num.nullable().optional(),
  venue_order_id: z.string().optional(),
  executed_qty: num.optional(),
  reason: z.string().nullable().optional(),
});

const orderState = z.object({
  type: z.literal('order_state'),
  client_order_id: id,
  status,
  symbol: z.string(),
  side,
  order_qty: num,
  limit_price: num.nullable(),
  venue_order_id: z.string().nullable(),
  executed_qty: num,
  order_type: orderType,
  stop: num.nullable(),
  tif,
});

const cancelReceived = z.object({ type: z.literal('cancel_received'), client_order_id: id });

const account = z.object({
  type: z.literal('account'),
  balances: z.array(z.object({ asset: z.string(), free: num, locked: num })),
});

const engineError = z.object({
  type: z.literal('error'),
  message: z.string(),
  client_order_id: z.string().optional(),
});

/** An order's routing fields from its `order_received` echo (what `order_update` lacks). */
export interface ReceivedFields {
  readonly clientOrderId: string;
  readonly type: LiveOrderType;
  readonly tif: TimeInForce;
  readonly postOnly: boolean;
  readonly reduceOnly: boolean;
}

/** An `order_update`. `symbol` is present only on updates about a real order (see below). */
export interface OrderUpdate {
  readonly clientOrderId: string;
  readonly status: EngineOrderStatus;
  readonly symbol?: string;
  readonly side?: Side;
  readonly qty?: number;
  readonly price?: number;
  readonly type?: LiveOrderType;
  readonly stopPrice?: number;
  readonly venueOrderId?: string;
  readonly executedQty?: number;
  readonly reason?: string;
}

/** An order as `QUERY ORDERS` reports it. */
export interface OrderSnapshot {
  readonly clientOrderId: string;
  readonly status: EngineOrderStatus;
  readonly symbol: string;
  readonly side: Side;
  readonly qty: number;
  readonly price?: number;
  readonly stopPrice?: number;
  readonly type: LiveOrderType;
  readonly tif: TimeInForce;
  readonly venueOrderId?: string;
  readonly executedQty: number;
}

export interface EngineBalance {
  readonly asset: string;
  readonly free: number;
  readonly locked: number;
}

const some = <T>(v: T | null | undefined): T | undefined => v ?? undefined;

export function parseReceived(e: EngineEvent): ReceivedFields | null {
  const p = orderReceived.safeParse(e);
  if (!p.success) return null;
  const d = p.data;
  return {
    clientOrderId: d.client_order_id,
    type: d.order_type,
    tif: d.tif,
    postOnly: d.post_only,
    reduceOnly: d.reduce_only,
  };
}

/**
 * Parses an `order_update`. The engine prints some without the order's fields: a duplicate id
 * refused (`REJECTED` about *another* order with that id), a cancel of an unknown or finished
 * order; those carry no `symbol`, and the router must not read them as the order's new status.
 */
export function parseUpdate(e: EngineEvent): OrderUpdate | null {
  const p = orderUpdate.safeParse(e);
  if (!p.success) return null;
  const d = p.data;
  return {
    clientOrderId: d.client_order_id,
    status: d.status,
    symbol: d.symbol,
    side: d.side,
    qty: d.qty,
    price: some(d.price),
    type: d.order_type,
    stopPrice: some(d.stop),
    venueOrderId: d.venue_order_id,
    executedQty: d.executed_qty,
    reason: some(d.reason),
  };
}

export function parseOrderState(e: EngineEvent): OrderSnapshot | null {
  const p = orderState.safeParse(e);
  if (!p.success) return null;
  const d = p.data;
  return {
    clientOrderId: d.client_order_id,
    status: d.status,
    symbol: d.symbol,
    side: d.side,
    qty: d.order_qty,
    price: some(d.limit_price),
    stopPrice: some(d.stop),
    type: d.order_type,
    tif: d.tif,
    venueOrderId: some(d.venue_order_id),
    executedQty: d.executed_qty,
  };
}

export function parseCancelReceived(e: EngineEvent): string | null {
  const p = cancelReceived.safeParse(e);
  return p.success ? p.data.client_order_id : null;
}

export function parseAccount(e: EngineEvent): readonly EngineBalance[] | null {
  const p = account.safeParse(e);
  return p.success ? p.data.balances : null;
}

export function parseEngineError(
  e: EngineEvent,
): { message: string; clientOrderId?: string } | null {
  const p = engineError.safeParse(e);
  return p.success ? { message: p.data.message, clientOrderId: p.data.client_order_id } : null;
}

/** True for the statuses after which an order changes no more. */
export function isFinal(s: EngineOrderStatus): boolean {
  return s === 'FILLED' || s === 'CANCELLED' || s === 'REJECTED' || s === 'EXPIRED';
}
