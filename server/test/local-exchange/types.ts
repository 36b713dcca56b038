// Domain types of the local Binance exchange (wire-independent: the JSON layouts live in
// wire-format.ts).

/** One tradable symbol and its filters, as exchangeInfo will publish them. */
export interface SymbolSpec {
  readonly symbol: string;
  readonly baseAsset: string;
  readonly quoteAsset: string;
  readonly tickSize: number;
  readonly minPrice: number;
  readonly maxPrice: number;
  readonly stepSize: number;
  readonly minQty: number;
  readonly maxQty: number;
  /** NOTIONAL filter minimum (applied to market orders too, as Binance's applyMinToMarket). */
  readonly minNotional: number;
}

/** One account of the exchange: its key pair and starting balances (asset → free amount). */
export interface AccountSpec {
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly balances: Readonly<Record<string, number>>;
}

export type ExSide = 'BUY' | 'SELL';
export type ExOrderType = 'LIMIT' | 'MARKET' | 'STOP_LOSS' | 'STOP_LOSS_LIMIT' | 'LIMIT_MAKER';
export type ExTif = 'GTC' | 'IOC' | 'FOK';
export type ExOrderStatus =
  | 'NEW'
  | 'PARTIALLY_FILLED'
  | 'FILLED'
  | 'CANCELED'
  | 'EXPIRED'
  | 'REJECTED';
export type ExecType = 'NEW' | 'TRADE' | 'CANCELED' | 'EXPIRED' | 'REJECTED';

/** An order as the matching engine keeps it. */
export interface ExOrder {
  readonly account: string;
  readonly symbol: string;
  readonly orderId: number;
  readonly clientOrderId: string;
  readonly side: ExSide;
  readonly type: ExOrderType;
  readonly tif: ExTif | null;
  /** Limit price; 0 for MARKET and STOP_LOSS (Binance shows "0.00000000"). */
  readonly price: number;
  readonly stopPrice: number;
  readonly origQty: number;
  executedQty: number;
  cumQuote: number;
  status: ExOrderStatus;
  readonly time: number;
  updateTime: number;
  /** Stops: whether the trigger was hit (then the order works like MARKET / LIMIT). */
  triggered: boolean;
  /** Quote per base unit locked by a BUY (limit price, stop price); 0 when nothing is locked. */
  readonly lockPx: number;
  /** What cancelled it last (the cancel request's own client id, Binance's `c` on CANCELED). */
  cancelClientOrderId: string | null;
}

/** One trade (one fill of one order). */
export interface ExTrade {
  readonly id: number;
  readonly symbol: string;
  readonly orderId: number;
  readonly account: string;
  readonly price: number;
  readonly qty: number;
  readonly quoteQty: number;
  readonly commission: number;
  readonly commissionAsset: string;
  readonly time: number;
  readonly isBuyer: boolean;
  readonly isMaker: boolean;
}

/** What the matching engine tells the stream: an order changed, or balances did. */
export type ExchangeEvent =
  | {
      readonly kind: 'execution';
      readonly account: string;
      readonly order: Readonly<ExOrder>;
      readonly execType: ExecType;
      readonly trade: ExTrade | null;
      readonly rejectReason: string;
      readonly ts: number;
    }
  | {
      readonly kind: 'balances';
      readonly account: string;
      readonly assets: readonly { asset: string; free: number; locked: number }[];
      readonly ts: number;
    };

/** A refusal in Binance's terms: HTTP status, error code and message. */
export interface ExError {
  readonly status: number;
  readonly code: number;
  readonly msg: string;
}
