// What the router tells the API (and through SSE, the browser): routing decisions, warnings,
// reconciliation reports, the kill switch. Plain data with a `type`, ready for JSON.
import type { ConnectionState, VenueId, VenueOrder } from '../venue-adapter';

/** Something the router noticed and did not fix by itself. */
export type RouterWarningCode =
  /** Open at the venue, unknown to the engine: not ours, left alone. */
  | 'foreign_order'
  /** Open at the venue, finished in the engine (e.g. refused as unreachable, then it arrived). */
  | 'venue_open_engine_finished'
  /** A report for an order the engine does not know. */
  | 'report_for_unknown_order'
  /** A fill for an order the engine has already finished: the venue and the books disagree. */
  | 'fill_for_finished_order'
  /** The venue has executed more of an open order than the engine: fills still to come. */
  | 'fill_gap'
  /** A fill the router had to make up from a snapshot (no fee or exact price known). */
  | 'fill_reconstructed'
  /** The engine could not take an execution report (restarting) or refused it. */
  | 'exec_failed'
  | 'engine_refused'
  | 'cancel_failed'
  /** The venue could not be asked (query or cancel threw, or gave `unknown`). */
  | 'venue_query_failed'
  /** An order ACCEPTED in the engine that the venue has never seen. */
  | 'unknown_at_venue'
  /** A fault in the router itself (a bug): reported, never thrown into the adapter. */
  | 'router_error';

/** One asset whose balance differs between the engine's ledger and the venue. */
export interface BalanceDifference {
  readonly asset: string;
  readonly engine: { readonly free: number; readonly locked: number };
  readonly venue: { readonly free: number; readonly locked: number };
  /** venue total − engine total. */
  readonly totalDiff: number;
}

export type RouterEvent =
  | { readonly type: 'routed'; readonly clientOrderId: string; readonly venueOrderId: string }
  | {
      readonly type: 'route_refused';
      readonly clientOrderId: string;
      readonly by: 'venue' | 'kill_switch' | 'unreachable';
      readonly reason: string;
    }
  | { readonly type: 'cancel_sent'; readonly clientOrderId: string }
  | {
      readonly type: 'report_dropped';
      readonly clientOrderId: string;
      readonly why: 'duplicate' | 'already_executed' | 'order_finished' | 'unknown_order';
    }
  | {
      readonly type: 'warning';
      readonly code: RouterWarningCode;
      readonly message: string;
      readonly clientOrderId?: string;
    }
  | {
      readonly type: 'reconciliation';
      readonly venue: VenueId;
      readonly tsMs: number;
      /** Orders whose final state was taken from the venue. */
      readonly resolved: readonly string[];
      readonly foreignOrders: readonly VenueOrder[];
      /** Empty when the engine's balances match the venue's. The ledger is not overwritten. */
      readonly balanceDifferences: readonly BalanceDifference[];
    }
  | {
      readonly type: 'kill_switch';
      readonly engaged: boolean;
      readonly reason: string | null;
      readonly tsMs: number;
    }
  | { readonly type: 'connection'; readonly venue: VenueId; readonly state: ConnectionState };

/** The kill switch as the API shows it. */
export type KillSwitchState =
  | { readonly engaged: false }
  | { readonly engaged: true; readonly reason: string; readonly sinceMs: number };
