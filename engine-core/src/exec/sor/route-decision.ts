import type { Side, SymbolId } from '../../model';

/** One venue's share of a routed order, as decided. */
export interface RouteAllocation {
  readonly venueId: string;
  /** Quantity for this venue (a multiple of its lot; 0 when it gets nothing). */
  readonly qty: number;
  /** Expected average fill price from walking its visible book; 0 when qty is 0. */
  readonly expectedAvgPrice: number;
  /** Worst price taken: the child's limit. */
  readonly worstPrice: number;
  /** Expected taker fee, quote asset. */
  readonly fee: number;
  /** Why it got this share (or none). */
  readonly reason: string;
}

/** The router's decision: plain data, emitted as an event. */
export interface RouteDecision {
  readonly type: 'route_decided';
  readonly ts: number;
  readonly symbol: SymbolId;
  readonly side: Side;
  readonly qty: number;
  /** Σ allocations; less than qty when the books (after filters) cannot give it all. */
  readonly allocatedQty: number;
  /** Buy: Σ gross + fees; sell: Σ gross − fees. */
  readonly expectedNet: number;
  readonly allocations: readonly RouteAllocation[];
}
