// The contract between the live router (engine side) and an exchange adapter (venue side).
// An adapter speaks one exchange's protocol; the router turns the engine's orders into `place`
// and `cancel` calls and the adapter's reports into `EXEC` lines (DESIGN §8). Nothing here knows
// about HTTP, the engine process or the browser.

/** The venues the proxy can route to. */
export type VenueId = 'binance' | 'okx' | 'bybit' | 'coinbase';

export type Side = 'BUY' | 'SELL';
export type LiveOrderType = 'MARKET' | 'LIMIT' | 'STOP' | 'STOP_LIMIT';
export type TimeInForce = 'GTC' | 'IOC' | 'FOK';

/** An order as the engine accepted it, in the engine's symbols (e.g. `BTCUSDT`). */
export interface LiveOrderRequest {
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly type: LiveOrderType;
  readonly qty: number;
  /** Limit price; absent for MARKET and STOP. */
  readonly price?: number;
  /** Trigger price of STOP and STOP_LIMIT. */
  readonly stopPrice?: number;
  readonly tif: TimeInForce;
  readonly postOnly: boolean;
}

/** The statuses an EXEC line may carry (DESIGN §8). */
export type ExecStatus =
  | 'ACCEPTED'
  | 'PARTIALLY_FILLED'
  | 'FILLED'
  | 'CANCELLED'
  | 'REJECTED'
  | 'EXPIRED';

/**
 * One execution report, incremental: a fill carries the quantity of *this* fill (not the
 * cumulative one), as the engine's EXEC expects. `tradeId` lets the router drop a fill it has
 * already forwarded (a report repeated after a reconnect or found again by reconciliation).
 */
export type ExecReport =
  | {
      readonly kind: 'status';
      readonly clientOrderId: string;
      readonly status: 'ACCEPTED' | 'CANCELLED' | 'REJECTED' | 'EXPIRED';
      readonly venueOrderId?: string;
      readonly reason?: string;
      readonly tsMs: number;
    }
  | {
      readonly kind: 'fill';
      readonly clientOrderId: string;
      readonly status: 'PARTIALLY_FILLED' | 'FILLED';
      readonly venueOrderId: string;
      readonly tradeId: string;
      readonly fillQty: number;
      readonly fillPrice: number;
      readonly fee: number;
      readonly feeAsset: string;
      readonly liquidity: 'MAKER' | 'TAKER';
      readonly tsMs: number;
    };

export interface VenueBalance {
  readonly asset: string;
  readonly free: number;
  readonly locked: number;
}

/** An order the venue still has open (or has just finished), as reconciliation sees it. */
export interface VenueOrder {
  readonly clientOrderId: string;
  readonly venueOrderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly qty: number;
  readonly executedQty: number;
  readonly price?: number;
  readonly status: 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELLED' | 'REJECTED' | 'EXPIRED';
}

/** What reconciliation found: the venue's truth, to be compared with the engine's books. */
export interface VenueSnapshot {
  readonly openOrders: readonly VenueOrder[];
  readonly balances: readonly VenueBalance[];
  readonly tsMs: number;
}

/**
 * The result of a place or cancel. `unknown` means the request may or may not have reached the
 * venue (a timeout after every retry): the router must *not* place again under a new id; it
 * queries the order by its client id (idempotency) before deciding.
 */
export type VenueResult =
  | { readonly ok: true; readonly venueOrderId: string }
  | { readonly ok: false; readonly kind: 'rejected'; readonly reason: string }
  | { readonly ok: false; readonly kind: 'unknown'; readonly reason: string };

export type ConnectionState =
  | { readonly state: 'connecting' }
  | { readonly state: 'connected' }
  | { readonly state: 'reconnecting'; readonly attempt: number; readonly reason: string }
  | { readonly state: 'closed' };

export interface VenueAdapterEvents {
  /** Every execution report, in the venue's order, from the stream or from reconciliation. */
  onReport(report: ExecReport): void;
  /** The stream's state; after every `connected` the adapter has already reconciled. */
  onConnection(state: ConnectionState): void;
  /** The venue's truth after a (re)connect, for the router to compare with the engine. */
  onReconciled(snapshot: VenueSnapshot): void;
}

/** One exchange account. Implementations never log or expose their credentials. */
export interface VenueAdapter {
  readonly venue: VenueId;
  /** Connects the execution stream and reconciles once; resolves when both are done. */
  start(events: VenueAdapterEvents): Promise<void>;
  place(order: LiveOrderRequest): Promise<VenueResult>;
  cancel(clientOrderId: string, symbol: string): Promise<VenueResult>;
  /** The order as the venue knows it, by client id; `null` when the venue has never seen it. */
  queryOrder(clientOrderId: string, symbol: string): Promise<VenueOrder | null>;
  reconcile(): Promise<VenueSnapshot>;
  /** Round trip to the venue (for `GET /api/execution/ping`). */
  ping(): Promise<{ readonly latencyMs: number }>;
  close(): Promise<void>;
}

/** API credentials of one venue. `passphrase` is required by OKX and Coinbase. */
export interface VenueCredentials {
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly passphrase?: string;
}
