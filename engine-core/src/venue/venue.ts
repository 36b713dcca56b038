import type { ClientOrderId, Liquidity, OrderState, SymbolId, TimestampMs } from '../model';

/** What a venue reports back about an order. Fees are the engine's business, not the venue's. */
export type VenueReport =
  | {
      readonly kind: 'accepted';
      readonly clientOrderId: ClientOrderId;
      readonly venueOrderId: string;
    }
  | { readonly kind: 'rejected'; readonly clientOrderId: ClientOrderId; readonly reason: string }
  | { readonly kind: 'triggered'; readonly clientOrderId: ClientOrderId }
  | {
      readonly kind: 'filled';
      readonly clientOrderId: ClientOrderId;
      readonly qty: number;
      readonly price: number;
      readonly liquidity: Liquidity;
    }
  | {
      readonly kind: 'cancelled';
      readonly clientOrderId: ClientOrderId;
      readonly reason: string | null;
    }
  | { readonly kind: 'expired'; readonly clientOrderId: ClientOrderId; readonly reason: string };

/**
 * Where orders go. The simulated venue matches against market data; a live adapter forwards to an
 * exchange and its reports come back as `execution_report` commands instead of through `drain`.
 */
export interface Venue {
  readonly name: string;
  /** Takes a submitted order (status NEW). */
  place(order: OrderState, now: TimestampMs): void;
  /** Asks to cancel an open order. */
  cancel(clientOrderId: ClientOrderId, now: TimestampMs): void;
  /** A market price; simulated venues match working orders against it. */
  onTick(symbol: SymbolId, price: number, now: TimestampMs): void;
  /** Reports due at `now`, in order. */
  drain(now: TimestampMs): readonly VenueReport[];
  /** Earliest time a pending report falls due, or null when nothing is pending. */
  nextDueTs(): TimestampMs | null;
  /**
   * The price a market order on `symbol` would fill at now, when the venue knows it (the bar
   * venue: the open it is about to fill at, with slippage); live venues leave it out.
   */
  marketPrice?(symbol: SymbolId, side: 'BUY' | 'SELL'): number | null;
  /** Rebuilds the venue's working set from recovered open orders. */
  restore(openOrders: readonly OrderState[], lastPrices: ReadonlyMap<SymbolId, number>): void;
}
