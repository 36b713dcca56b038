import type { BalanceView, PositionView } from './account';
import type { Asset, ClientOrderId, SymbolId, TimestampMs } from './ids';
import type { Liquidity, OrderRequest, OrderState, Reservation, Side } from './order';

/**
 * Events that change engine state. They are journaled in the WAL, and replaying them through
 * `applyEvent` rebuilds the state exactly.
 */
export type StateEvent =
  | {
      readonly type: 'funds_deposited';
      readonly ts: TimestampMs;
      readonly asset: Asset;
      readonly amount: number;
    }
  | {
      readonly type: 'order_submitted';
      readonly ts: TimestampMs;
      readonly request: OrderRequest;
      readonly seq: number;
      readonly reserved: Reservation | null;
    }
  | {
      /** Refused before reaching the venue: by an instrument filter, funds, or a risk rule. */
      readonly type: 'order_denied';
      readonly ts: TimestampMs;
      readonly request: OrderRequest;
      readonly seq: number;
      readonly reason: string;
    }
  | {
      readonly type: 'order_accepted';
      readonly ts: TimestampMs;
      readonly clientOrderId: ClientOrderId;
      readonly venueOrderId: string;
    }
  | {
      /** Refused by the venue after submission. */
      readonly type: 'order_rejected';
      readonly ts: TimestampMs;
      readonly clientOrderId: ClientOrderId;
      readonly reason: string;
    }
  | {
      readonly type: 'order_triggered';
      readonly ts: TimestampMs;
      readonly clientOrderId: ClientOrderId;
    }
  | {
      readonly type: 'order_filled';
      readonly ts: TimestampMs;
      readonly clientOrderId: ClientOrderId;
      readonly symbol: SymbolId;
      readonly side: Side;
      /** The order's status after this fill: the engine decides, the reducer follows. */
      readonly status: 'PARTIALLY_FILLED' | 'FILLED';
      readonly qty: number;
      readonly price: number;
      readonly fee: number;
      readonly feeAsset: Asset;
      readonly liquidity: Liquidity;
    }
  | {
      readonly type: 'order_cancelled';
      readonly ts: TimestampMs;
      readonly clientOrderId: ClientOrderId;
      readonly reason: string | null;
    }
  | {
      readonly type: 'order_expired';
      readonly ts: TimestampMs;
      readonly clientOrderId: ClientOrderId;
      readonly reason: string;
    }
  | {
      readonly type: 'market_updated';
      readonly ts: TimestampMs;
      readonly symbol: SymbolId;
      readonly price: number;
    }
  | { readonly type: 'kill_switch_tripped'; readonly ts: TimestampMs; readonly reason: string };

/** Events that only report: answers to queries and refusals that leave state untouched. */
export type ReportEvent =
  | {
      readonly type: 'duplicate_order_rejected';
      readonly ts: TimestampMs;
      readonly request: OrderRequest;
      readonly reason: string;
    }
  | {
      readonly type: 'cancel_rejected';
      readonly ts: TimestampMs;
      readonly clientOrderId: ClientOrderId;
      readonly reason: string;
    }
  | { readonly type: 'order_reported'; readonly ts: TimestampMs; readonly order: OrderState }
  | {
      /** A cancel for an order that already finished: nothing changes, its final status is reported. */
      readonly type: 'cancel_ignored';
      readonly ts: TimestampMs;
      readonly order: OrderState;
    }
  | {
      readonly type: 'orders_reported';
      readonly ts: TimestampMs;
      readonly orders: readonly OrderState[];
    }
  | {
      readonly type: 'account_reported';
      readonly ts: TimestampMs;
      readonly balances: readonly BalanceView[];
    }
  | {
      readonly type: 'position_reported';
      readonly ts: TimestampMs;
      readonly position: PositionView;
    }
  | {
      readonly type: 'positions_reported';
      readonly ts: TimestampMs;
      readonly positions: readonly PositionView[];
    }
  | {
      readonly type: 'command_failed';
      readonly ts: TimestampMs;
      readonly message: string;
      readonly clientOrderId: ClientOrderId | null;
    };

/** Everything the engine emits. */
export type EngineEvent = StateEvent | ReportEvent;

const STATE_EVENT_TYPES: ReadonlySet<string> = new Set<StateEvent['type']>([
  'funds_deposited',
  'order_submitted',
  'order_denied',
  'order_accepted',
  'order_rejected',
  'order_triggered',
  'order_filled',
  'order_cancelled',
  'order_expired',
  'market_updated',
  'kill_switch_tripped',
]);

/** True for the events that change state (and so go to the WAL). */
export const isStateEvent = (e: EngineEvent): e is StateEvent => STATE_EVENT_TYPES.has(e.type);
