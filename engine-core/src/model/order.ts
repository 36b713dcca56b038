import type { ClientOrderId, SymbolId, TimestampMs } from './ids';

/** Order side. */
export type Side = 'BUY' | 'SELL';
/** Time in force. */
export type TimeInForce = 'GTC' | 'IOC' | 'FOK';
/** Order type. */
export type OrderType = 'MARKET' | 'LIMIT' | 'STOP' | 'STOP_LIMIT';
/** Liquidity flag of a fill. */
export type Liquidity = 'MAKER' | 'TAKER';

/** The order lifecycle (DESIGN §8). */
export type OrderStatus =
  | 'NEW'
  | 'ACCEPTED'
  | 'PARTIALLY_FILLED'
  | 'FILLED'
  | 'CANCELLED'
  | 'REJECTED'
  | 'EXPIRED';

/** Statuses after which an order never changes again. */
export const TERMINAL_STATUSES: ReadonlySet<OrderStatus> = new Set([
  'FILLED',
  'CANCELLED',
  'REJECTED',
  'EXPIRED',
]);

/** True when the order can still fill or be cancelled. */
export const isOpenStatus = (s: OrderStatus): boolean => !TERMINAL_STATUSES.has(s);

/** Price fields by order type: a limit order always has a price, a stop always a stop price. */
export type OrderPricing =
  | { readonly type: 'MARKET' }
  | { readonly type: 'LIMIT'; readonly price: number }
  | { readonly type: 'STOP'; readonly stopPrice: number }
  | { readonly type: 'STOP_LIMIT'; readonly stopPrice: number; readonly price: number };

/** What a trader asks for. */
export type OrderRequest = OrderPricing & {
  readonly clientOrderId: ClientOrderId;
  readonly symbol: SymbolId;
  readonly side: Side;
  readonly qty: number;
  readonly tif: TimeInForce;
  readonly postOnly: boolean;
  readonly reduceOnly: boolean;
};

/** Funds held for an open order. */
export interface Reservation {
  readonly asset: string;
  /** What is still locked for the unfilled part. */
  readonly amount: number;
}

/** The engine's view of one order. Changed only by `applyEvent`. */
export interface OrderState {
  readonly request: OrderRequest;
  readonly status: OrderStatus;
  readonly venueOrderId: string | null;
  readonly executedQty: number;
  /** Σ fill price × qty, so that avgPrice = cumQuote / executedQty. */
  readonly cumQuote: number;
  readonly fees: number;
  readonly reserved: Reservation | null;
  /** A stop order whose stop has been hit. */
  readonly triggered: boolean;
  readonly reason: string | null;
  readonly createdTs: TimestampMs;
  readonly lastTs: TimestampMs;
  /** Submission sequence number: the matching order of the simulated venue. */
  readonly seq: number;
}

/** Average fill price, 0 before the first fill. */
export const avgPrice = (o: OrderState): number =>
  o.executedQty > 0 ? o.cumQuote / o.executedQty : 0;

/** Quantity not yet filled. */
export const remainingQty = (o: OrderState): number => o.request.qty - o.executedQty;

/** Limit price of the order, or null for market and stop orders. */
export const limitPrice = (r: OrderRequest): number | null =>
  r.type === 'LIMIT' || r.type === 'STOP_LIMIT' ? r.price : null;

/** Stop price of the order, or null. */
export const stopPrice = (r: OrderRequest): number | null =>
  r.type === 'STOP' || r.type === 'STOP_LIMIT' ? r.stopPrice : null;
