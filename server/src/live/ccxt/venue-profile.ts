// What differs between the ccxt venues, in one place: ccxt's class, the venue's own client order
// id parameter and its documented rule, the ccxt options that keep ccxt to spot (no futures,
// options or currency lists fetched: fewer calls, nothing loaded that the fakes do not serve).

/** The venues this adapter drives through ccxt. */
export type CcxtVenueId = 'okx' | 'bybit' | 'coinbase';

/** How the adapter finds an order by its client id on this venue. */
export type ClientIdLookup =
  /** `fetchOrder` accepts the client id as a parameter. */
  | { readonly kind: 'fetch-order'; readonly param: string }
  /** Open orders then closed orders, filtered by the client id parameter. */
  | { readonly kind: 'open-then-closed'; readonly param: string }
  /** No lookup by client id: scan the recent orders and match `clientOrderId`. */
  | { readonly kind: 'scan-orders' };

export interface VenueProfile {
  readonly venue: CcxtVenueId;
  /** The request field that carries the client order id. */
  readonly clientIdParam: string;
  readonly clientIdPattern: RegExp;
  /** The venue's rule in words, for the rejection reason. */
  readonly clientIdRule: string;
  readonly lookup: ClientIdLookup;
  /** Extra createOrder params so a MARKET quantity is in the base asset. */
  readonly marketBaseQtyParams: Readonly<Record<string, string>>;
  /** Market buys sized in base are possible through ccxt on this venue. */
  readonly marketBuyInBase: boolean;
  /** ccxt options for this venue, merged over ccxt's defaults. */
  readonly ccxtOptions: Readonly<Record<string, unknown>>;
}

export const VENUE_PROFILES: Readonly<Record<CcxtVenueId, VenueProfile>> = {
  okx: {
    venue: 'okx',
    clientIdParam: 'clOrdId',
    // OKX: "case-sensitive alphanumerics, all numbers or all letters, 1-32 characters".
    clientIdPattern: /^[A-Za-z0-9]{1,32}$/,
    clientIdRule: 'OKX clOrdId: 1-32 letters or digits',
    lookup: { kind: 'fetch-order', param: 'clOrdId' },
    marketBaseQtyParams: { tgtCcy: 'base_ccy' },
    marketBuyInBase: true,
    ccxtOptions: {
      fetchMarkets: { types: ['spot'] },
      defaultType: 'spot',
      // The single-order endpoint: ccxt's default sends one order through batch-orders.
      createOrder: 'privatePostTradeOrder',
    },
  },
  bybit: {
    venue: 'bybit',
    clientIdParam: 'orderLinkId',
    // Bybit v5: "max 36 characters; numbers, letters (upper and lower case), dashes, underscores".
    clientIdPattern: /^[A-Za-z0-9_-]{1,36}$/,
    clientIdRule: 'Bybit orderLinkId: 1-36 letters, digits, "-" or "_"',
    lookup: { kind: 'open-then-closed', param: 'orderLinkId' },
    marketBaseQtyParams: { marketUnit: 'baseCoin' },
    marketBuyInBase: true,
    ccxtOptions: {
      fetchMarkets: { types: ['spot'] },
      defaultType: 'spot',
      // The spot order calls need no currency list; loading it is a private call per start.
      loadAllOptions: false,
    },
  },
  coinbase: {
    venue: 'coinbase',
    clientIdParam: 'client_order_id',
    // Coinbase documents no pattern; this is our conservative subset (UUIDs fit).
    clientIdPattern: /^[A-Za-z0-9_-]{1,64}$/,
    clientIdRule: 'Coinbase client_order_id (our rule): 1-64 letters, digits, "-" or "_"',
    lookup: { kind: 'scan-orders' },
    marketBaseQtyParams: {},
    // ccxt sizes Coinbase market buys in the quote asset only.
    marketBuyInBase: false,
    // Advanced Trade (v3) endpoints only; ccxt's defaults for these two are the older v2 API.
    ccxtOptions: {
      fetchTime: 'v3PublicGetBrokerageTime',
      fetchBalance: 'v3PrivateGetBrokerageAccounts',
    },
  },
};
