// Binance's JSON layouts for the local exchange: REST order/trade/account replies, exchangeInfo and
// the user-data events. Decimals go out as strings with 8 places, as Binance writes them.
import type { ExchangeEvent, ExOrder, ExTrade, SymbolSpec } from './types';

/** Binance's decimal string ("0.10000000"). */
export const dec = (v: number): string => v.toFixed(8);

/** One entry of exchangeInfo's `rateLimits`. */
export interface RateLimitSpec {
  readonly rateLimitType: 'REQUEST_WEIGHT' | 'ORDERS' | 'RAW_REQUESTS';
  readonly interval: 'SECOND' | 'MINUTE' | 'DAY';
  readonly intervalNum: number;
  readonly limit: number;
}

export type NewOrderRespType = 'ACK' | 'RESULT' | 'FULL';

export function exchangeInfoJson(
  specs: readonly SymbolSpec[],
  rateLimits: readonly RateLimitSpec[],
  serverTime: number,
  notionalFilter: 'NOTIONAL' | 'MIN_NOTIONAL',
): unknown {
  return {
    timezone: 'UTC',
    serverTime,
    rateLimits,
    exchangeFilters: [],
    symbols: specs.map((s) => ({
      symbol: s.symbol,
      status: 'TRADING',
      baseAsset: s.baseAsset,
      baseAssetPrecision: 8,
      quoteAsset: s.quoteAsset,
      quotePrecision: 8,
      quoteAssetPrecision: 8,
      baseCommissionPrecision: 8,
      quoteCommissionPrecision: 8,
      orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_LIMIT'],
      icebergAllowed: true,
      ocoAllowed: true,
      otoAllowed: true,
      quoteOrderQtyMarketAllowed: true,
      allowTrailingStop: true,
      cancelReplaceAllowed: true,
      isSpotTradingAllowed: true,
      isMarginTradingAllowed: false,
      filters: [
        {
          filterType: 'PRICE_FILTER',
          minPrice: dec(s.minPrice),
          maxPrice: dec(s.maxPrice),
          tickSize: dec(s.tickSize),
        },
        {
          filterType: 'LOT_SIZE',
          minQty: dec(s.minQty),
          maxQty: dec(s.maxQty),
          stepSize: dec(s.stepSize),
        },
        notionalFilter === 'NOTIONAL'
          ? {
              filterType: 'NOTIONAL',
              minNotional: dec(s.minNotional),
              applyMinToMarket: true,
              maxNotional: '9000000.00000000',
              applyMaxToMarket: false,
              avgPriceMins: 5,
            }
          : {
              filterType: 'MIN_NOTIONAL',
              minNotional: dec(s.minNotional),
              applyToMarket: true,
              avgPriceMins: 5,
            },
        { filterType: 'MAX_NUM_ORDERS', maxNumOrders: 200 },
      ],
      permissions: [],
      permissionSets: [['SPOT']],
      defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
      allowedSelfTradePreventionModes: ['NONE', 'EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH'],
    })),
  };
}

/** GET /api/v3/order (and openOrders rows). */
export function orderJson(o: Readonly<ExOrder>): Record<string, unknown> {
  return {
    symbol: o.symbol,
    orderId: o.orderId,
    orderListId: -1,
    clientOrderId: o.clientOrderId,
    price: dec(o.price),
    origQty: dec(o.origQty),
    executedQty: dec(o.executedQty),
    cummulativeQuoteQty: dec(o.cumQuote),
    status: o.status,
    timeInForce: o.tif ?? 'GTC',
    type: o.type,
    side: o.side,
    stopPrice: dec(o.stopPrice),
    icebergQty: dec(0),
    time: o.time,
    updateTime: o.updateTime,
    isWorking: o.type === 'STOP_LOSS' || o.type === 'STOP_LOSS_LIMIT' ? o.triggered : true,
    workingTime: o.time,
    origQuoteOrderQty: dec(0),
    selfTradePreventionMode: 'EXPIRE_MAKER',
  };
}

/** POST /api/v3/order in the layout `newOrderRespType` asks for. */
export function newOrderJson(
  o: Readonly<ExOrder>,
  fills: readonly ExTrade[],
  respType: NewOrderRespType,
): Record<string, unknown> {
  const ack = {
    symbol: o.symbol,
    orderId: o.orderId,
    orderListId: -1,
    clientOrderId: o.clientOrderId,
    transactTime: o.time,
  };
  if (respType === 'ACK') return ack;
  const result = {
    ...ack,
    price: dec(o.price),
    origQty: dec(o.origQty),
    executedQty: dec(o.executedQty),
    origQuoteOrderQty: dec(0),
    cummulativeQuoteQty: dec(o.cumQuote),
    status: o.status,
    timeInForce: o.tif ?? 'GTC',
    type: o.type,
    side: o.side,
    workingTime: o.time,
    selfTradePreventionMode: 'EXPIRE_MAKER',
  };
  if (respType === 'RESULT') return result;
  return {
    ...result,
    fills: fills.map((t) => ({
      price: dec(t.price),
      qty: dec(t.qty),
      commission: dec(t.commission),
      commissionAsset: t.commissionAsset,
      tradeId: t.id,
    })),
  };
}

/** DELETE /api/v3/order. */
export function cancelJson(o: Readonly<ExOrder>, transactTime: number): Record<string, unknown> {
  return {
    symbol: o.symbol,
    origClientOrderId: o.clientOrderId,
    orderId: o.orderId,
    orderListId: -1,
    clientOrderId: o.cancelClientOrderId,
    transactTime,
    price: dec(o.price),
    origQty: dec(o.origQty),
    executedQty: dec(o.executedQty),
    origQuoteOrderQty: dec(0),
    cummulativeQuoteQty: dec(o.cumQuote),
    status: o.status,
    timeInForce: o.tif ?? 'GTC',
    type: o.type,
    side: o.side,
    selfTradePreventionMode: 'EXPIRE_MAKER',
  };
}

/** GET /api/v3/myTrades rows. */
export function tradeJson(t: ExTrade): Record<string, unknown> {
  return {
    symbol: t.symbol,
    id: t.id,
    orderId: t.orderId,
    orderListId: -1,
    price: dec(t.price),
    qty: dec(t.qty),
    quoteQty: dec(t.quoteQty),
    commission: dec(t.commission),
    commissionAsset: t.commissionAsset,
    time: t.time,
    isBuyer: t.isBuyer,
    isMaker: t.isMaker,
    isBestMatch: true,
  };
}

/** GET /api/v3/account. */
export function accountJson(
  balances: readonly { asset: string; free: number; locked: number }[],
  fees: { maker: number; taker: number },
  updateTime: number,
): Record<string, unknown> {
  const bps = (r: number): number => Math.round(r * 10_000);
  return {
    makerCommission: bps(fees.maker),
    takerCommission: bps(fees.taker),
    buyerCommission: 0,
    sellerCommission: 0,
    commissionRates: {
      maker: dec(fees.maker),
      taker: dec(fees.taker),
      buyer: dec(0),
      seller: dec(0),
    },
    canTrade: true,
    canWithdraw: true,
    canDeposit: true,
    brokered: false,
    requireSelfTradePrevention: false,
    preventSor: false,
    updateTime,
    accountType: 'SPOT',
    balances: balances.map((b) => ({ asset: b.asset, free: dec(b.free), locked: dec(b.locked) })),
    permissions: ['SPOT'],
    uid: 354937868,
  };
}

/** The user-data event of an exchange event (executionReport, outboundAccountPosition). */
export function userEventJson(e: ExchangeEvent): Record<string, unknown> {
  if (e.kind === 'balances') {
    return {
      e: 'outboundAccountPosition',
      E: e.ts,
      u: e.ts,
      B: e.assets.map((a) => ({ a: a.asset, f: dec(a.free), l: dec(a.locked) })),
    };
  }
  const o = e.order;
  const t = e.trade;
  const cancelled = e.execType === 'CANCELED';
  return {
    e: 'executionReport',
    E: e.ts,
    s: o.symbol,
    c: cancelled ? o.cancelClientOrderId : o.clientOrderId,
    S: o.side,
    o: o.type,
    f: o.tif ?? 'GTC',
    q: dec(o.origQty),
    p: dec(o.price),
    P: dec(o.stopPrice),
    F: dec(0),
    g: -1,
    C: cancelled ? o.clientOrderId : '',
    x: e.execType,
    X: o.status,
    r: e.rejectReason,
    i: o.orderId,
    l: dec(t ? t.qty : 0),
    z: dec(o.executedQty),
    L: dec(t ? t.price : 0),
    n: dec(t ? t.commission : 0),
    N: t ? t.commissionAsset : null,
    T: t ? t.time : e.ts,
    t: t ? t.id : -1,
    v: 0,
    I: e.ts,
    w: o.status === 'NEW' && (o.type === 'LIMIT' || o.type === 'LIMIT_MAKER' || o.triggered),
    m: t ? t.isMaker : false,
    M: false,
    O: o.time,
    Z: dec(o.cumQuote),
    Y: dec(t ? t.quoteQty : 0),
    Q: dec(0),
    W: o.time,
    V: 'EXPIRE_MAKER',
  };
}
