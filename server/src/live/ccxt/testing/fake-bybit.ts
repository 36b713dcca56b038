// A local Bybit v5 (unified account, spot category) serving the endpoints ccxt calls for the
// adapter, in the documented shapes ({ retCode, retMsg, result, retExtInfo, time }). Private calls
// must carry X-BAPI-API-KEY, X-BAPI-TIMESTAMP (ms), X-BAPI-RECV-WINDOW and X-BAPI-SIGN =
// hex(HMAC-SHA256(secret, timestamp + apiKey + recvWindow + (queryString | jsonBody))), with
// server_time - recv_window <= timestamp < server_time + 1000.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { dec, type FakeRequest, type FakeResponse, jsonBody, str } from './fake-http';
import type { FakeMarket, FakeOrder, FakePlaceResult, FakeTrade } from './fake-market';

export interface BybitKeys {
  readonly apiKey: string;
  readonly secret: string;
}

const reply = (retCode: number, retMsg: string, result: unknown): FakeResponse => ({
  status: 200,
  body: { retCode, retMsg, result, retExtInfo: {}, time: Date.now() },
});
const ok = (result: unknown) => reply(0, 'OK', result);

/** Checks Bybit's documented v5 HMAC signature and receive window; a [code, msg] when it fails. */
export function verifyBybitSignature(
  req: FakeRequest,
  keys: BybitKeys,
  nowMs: number,
): [number, string] | null {
  const h = (name: string): string | undefined => {
    const v = req.headers[name];
    return typeof v === 'string' ? v : undefined;
  };
  const key = h('x-bapi-api-key');
  const ts = h('x-bapi-timestamp');
  const recv = h('x-bapi-recv-window') ?? '5000';
  const sign = h('x-bapi-sign') ?? '';
  if (key !== keys.apiKey) return [10003, 'API key is invalid.'];
  if (ts === undefined || !/^\d{13}$/.test(ts) || !/^\d+$/.test(recv)) {
    return [10002, 'invalid request, please check your timestamp or recv_window param'];
  }
  const t = Number(ts);
  if (!(nowMs - Number(recv) <= t && t < nowMs + 1000)) {
    return [10002, 'invalid request, please check your server timestamp or recv_window param'];
  }
  const payload = req.method === 'GET' ? req.rawQuery : req.body;
  const expected = createHmac('sha256', keys.secret)
    .update(ts + key + recv + payload)
    .digest();
  const given = Buffer.from(/^[0-9a-f]{64}$/.test(sign) ? sign : '', 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return [10004, 'error sign! origin_string[redacted]'];
  }
  return null;
}

function status(o: FakeOrder): string {
  if (o.status === 'open') return o.filled > 0 ? 'PartiallyFilled' : 'New';
  if (o.status === 'filled') return 'Filled';
  if (o.status === 'rejected') return 'Rejected';
  return o.filled > 0 ? 'PartiallyFilledCanceled' : 'Cancelled';
}

function orderJson(o: FakeOrder): Record<string, unknown> {
  return {
    orderId: o.venueOrderId,
    orderLinkId: o.clientOrderId,
    symbol: o.instrument.id,
    price: o.price === undefined ? '0' : dec(o.price),
    qty: dec(o.qty),
    side: o.side === 'buy' ? 'Buy' : 'Sell',
    isLeverage: '0',
    positionIdx: 0,
    orderStatus: status(o),
    cancelType: o.status === 'cancelled' ? 'CancelByUser' : 'UNKNOWN',
    rejectReason: 'EC_NoError',
    avgPrice: o.filled > 0 ? dec(o.filledQuote / o.filled) : '',
    leavesQty: dec(o.status === 'open' ? o.qty - o.filled : 0),
    leavesValue: '0',
    cumExecQty: dec(o.filled),
    cumExecValue: dec(o.filledQuote),
    cumExecFee: dec(o.fee),
    timeInForce: o.postOnly ? 'PostOnly' : o.tif,
    orderType: o.type === 'market' ? 'Market' : 'Limit',
    stopOrderType: '',
    orderIv: '',
    marketUnit: o.type === 'market' ? 'baseCoin' : '',
    triggerPrice: '0.00',
    takeProfit: '0.00',
    stopLoss: '0.00',
    reduceOnly: false,
    closeOnTrigger: false,
    createdTime: String(o.createdMs),
    updatedTime: String(o.updatedMs),
  };
}

function execJson(t: FakeTrade, o: FakeOrder | undefined): Record<string, unknown> {
  return {
    symbol: t.instrument.id,
    orderId: t.venueOrderId,
    orderLinkId: t.clientOrderId,
    side: t.side === 'buy' ? 'Buy' : 'Sell',
    orderPrice: o?.price === undefined ? '' : dec(o.price),
    orderQty: o === undefined ? '' : dec(o.qty),
    leavesQty: '0',
    orderType: o?.type === 'market' ? 'Market' : 'Limit',
    stopOrderType: '',
    execFee: dec(t.fee),
    feeCurrency: t.feeAsset,
    execId: t.tradeId,
    execPrice: dec(t.price),
    execQty: dec(t.qty),
    execType: 'Trade',
    execValue: dec(t.qty * t.price),
    execTime: String(t.tsMs),
    isMaker: t.liquidity === 'maker',
    feeRate: '0.001',
    markPrice: '',
    closedSize: '',
    seq: 1,
  };
}

const PLACE_ERRORS: Record<Exclude<FakePlaceResult, { ok: true }>['code'], [number, string]> = {
  duplicate: [110072, 'OrderLinkedID is duplicate'],
  insufficient: [170131, 'Insufficient balance.'],
  unknown_instrument: [10001, 'params error: symbol invalid'],
  invalid: [170130, 'Data sent for paramter qty is not valid.'],
};

/** The Bybit route table over one fake market. */
export function bybitRoutes(market: FakeMarket, keys: BybitKeys) {
  const select = (q: URLSearchParams): FakeOrder[] => {
    const symbol = q.get('symbol');
    const link = q.get('orderLinkId');
    const id = q.get('orderId');
    return market
      .orders()
      .filter(
        (o) =>
          (symbol === null || o.instrument.id === symbol) &&
          (link === null || o.clientOrderId === link) &&
          (id === null || o.venueOrderId === id),
      );
  };
  const list = (orders: FakeOrder[]) =>
    ok({ category: 'spot', list: orders.map(orderJson).reverse(), nextPageCursor: '' });
  return (req: FakeRequest): FakeResponse | undefined => {
    const route = `${req.method} ${req.path}`;
    if (route === 'GET /v5/market/time') {
      const now = Date.now();
      return ok({ timeSecond: String(Math.floor(now / 1000)), timeNano: `${now}000000` });
    }
    if (route === 'GET /v5/market/instruments-info') {
      if (req.query.get('category') !== 'spot') return ok({ category: '', list: [] });
      return ok({
        category: 'spot',
        nextPageCursor: '',
        list: market.instruments().map((i) => ({
          symbol: i.id,
          baseCoin: i.base,
          quoteCoin: i.quote,
          innovation: '0',
          status: 'Trading',
          marginTrading: 'utaOnly',
          lotSizeFilter: {
            basePrecision: '0.000001',
            quotePrecision: '0.00000001',
            minOrderQty: '0.000048',
            maxOrderQty: '71.73956243',
            minOrderAmt: '1',
            maxOrderAmt: '2000000',
          },
          priceFilter: { tickSize: '0.01' },
        })),
      });
    }
    if (!/^\/v5\/(order|account|user|execution)\//.test(req.path)) return undefined;
    const authError = verifyBybitSignature(req, keys, Date.now());
    if (authError !== null) return reply(authError[0], authError[1], {});
    switch (route) {
      case 'GET /v5/user/query-api':
        return ok({
          id: '1',
          note: 'fake',
          apiKey: keys.apiKey,
          readOnly: 0,
          secret: '',
          permissions: { Spot: ['SpotTrade'] },
          ips: ['*'],
          type: 1,
          unified: 1,
          uta: 1,
          userID: 1,
          vipLevel: 'No VIP',
          isMaster: true,
        });
      case 'GET /v5/account/info':
        return ok({
          unifiedMarginStatus: 5,
          marginMode: 'REGULAR_MARGIN',
          isMasterTrader: false,
          spotHedgingStatus: 'OFF',
          updatedTime: String(Date.now()),
          dcpStatus: 'OFF',
          timeWindow: 10,
          smpGroup: 0,
        });
      case 'POST /v5/order/create': {
        const b = jsonBody(req);
        const price = str(b, 'price');
        const tif = str(b, 'timeInForce');
        const r = market.place({
          clientOrderId: str(b, 'orderLinkId') ?? '',
          instrumentId: str(b, 'symbol') ?? '',
          side: str(b, 'side') === 'Sell' ? 'sell' : 'buy',
          type: str(b, 'orderType') === 'Market' ? 'market' : 'limit',
          qty: Number(str(b, 'qty')),
          ...(price !== undefined ? { price: Number(price) } : {}),
          tif: tif === 'IOC' ? 'IOC' : tif === 'FOK' ? 'FOK' : 'GTC',
          postOnly: tif === 'PostOnly',
        });
        if (!r.ok) return reply(...PLACE_ERRORS[r.code], {});
        return ok({ orderId: r.order.venueOrderId, orderLinkId: r.order.clientOrderId });
      }
      case 'POST /v5/order/cancel': {
        const b = jsonBody(req);
        const link = str(b, 'orderLinkId');
        const order =
          link !== undefined
            ? market.findByClientId(link)
            : market.findByVenueId(str(b, 'orderId') ?? '');
        if (order === undefined || !market.cancel(order))
          return reply(170213, 'Order does not exist.', {});
        return ok({ orderId: order.venueOrderId, orderLinkId: order.clientOrderId });
      }
      case 'GET /v5/order/realtime': {
        // By id the realtime endpoint also returns recently closed orders; otherwise open ones.
        const byId = req.query.has('orderId') || req.query.has('orderLinkId');
        return list(select(req.query).filter((o) => byId || o.status === 'open'));
      }
      case 'GET /v5/order/history':
        return list(select(req.query).filter((o) => o.status !== 'open'));
      case 'GET /v5/account/wallet-balance': {
        const coin = [...market.balances()].map(([c, b]) => ({
          coin: c,
          equity: dec(b.free + b.locked),
          walletBalance: dec(b.free + b.locked),
          locked: dec(b.locked),
          spotBorrow: '0',
          borrowAmount: '0',
          usdValue: '0',
          free: '',
          availableToWithdraw: '',
        }));
        return ok({ list: [{ accountType: 'UNIFIED', totalEquity: '0', coin }] });
      }
      case 'GET /v5/execution/list': {
        const symbol = req.query.get('symbol');
        const start = Number(req.query.get('startTime') ?? '0');
        const items = market
          .trades()
          .filter((t) => (symbol === null || t.instrument.id === symbol) && t.tsMs >= start)
          .map((t) => execJson(t, market.findByVenueId(t.venueOrderId)))
          .reverse();
        return ok({ category: 'spot', list: items, nextPageCursor: '' });
      }
      default:
        return undefined;
    }
  };
}
