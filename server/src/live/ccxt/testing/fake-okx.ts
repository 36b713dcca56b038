// A local OKX v5 (spot, cash mode) serving just the endpoints ccxt calls for the adapter, in the
// documented reply shapes ({ code, msg, data: [...] }). Every private call must carry OK-ACCESS-KEY,
// -PASSPHRASE, an ISO -TIMESTAMP within 30 s, and OK-ACCESS-SIGN =
// base64(HMAC-SHA256(secret, timestamp + METHOD + requestPath[?query] + body)).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { dec, type FakeRequest, type FakeResponse, jsonBody, str } from './fake-http';
import type { FakeMarket, FakeOrder, FakePlaceResult, FakeTrade } from './fake-market';

export interface OkxKeys {
  readonly apiKey: string;
  readonly secret: string;
  readonly passphrase: string;
}

const ok = (data: unknown[]): FakeResponse => ({ status: 200, body: { code: '0', msg: '', data } });
const fail = (status: number, code: string, msg: string): FakeResponse => ({
  status,
  body: { code, msg, data: [] },
});

/** Checks OKX's documented request signature; a reason when it fails. */
export function verifyOkxSignature(req: FakeRequest, keys: OkxKeys, nowMs: number): string | null {
  const h = (name: string): string | undefined => {
    const v = req.headers[name];
    return typeof v === 'string' ? v : undefined;
  };
  const key = h('ok-access-key');
  const ts = h('ok-access-timestamp');
  const sign = h('ok-access-sign');
  if (key !== keys.apiKey) return '50111:Invalid OK-ACCESS-KEY';
  if (h('ok-access-passphrase') !== keys.passphrase) return '50105:OK-ACCESS-PASSPHRASE incorrect';
  if (ts === undefined || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(ts)) {
    return '50112:Invalid OK-ACCESS-TIMESTAMP';
  }
  if (Math.abs(nowMs - Date.parse(ts)) > 30_000) return '50102:Timestamp request expired';
  const requestPath = req.rawQuery === '' ? req.path : `${req.path}?${req.rawQuery}`;
  const expected = createHmac('sha256', keys.secret)
    .update(ts + req.method + requestPath + req.body)
    .digest();
  const given = Buffer.from(sign ?? '', 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return '50113:Invalid Sign';
  }
  return null;
}

const STATE: Record<FakeOrder['status'], string> = {
  open: 'live',
  filled: 'filled',
  cancelled: 'canceled',
  rejected: 'canceled',
};

function orderJson(o: FakeOrder): Record<string, string> {
  const state = o.status === 'open' && o.filled > 0 ? 'partially_filled' : STATE[o.status];
  const ordType = o.type === 'market' ? 'market' : o.postOnly ? 'post_only' : o.tif.toLowerCase();
  return {
    instType: 'SPOT',
    instId: o.instrument.id,
    ordId: o.venueOrderId,
    clOrdId: o.clientOrderId,
    tag: '',
    px: o.price === undefined ? '' : dec(o.price),
    sz: dec(o.qty),
    ordType: ordType === 'gtc' ? 'limit' : ordType,
    side: o.side,
    posSide: 'net',
    tdMode: 'cash',
    tgtCcy: '',
    accFillSz: dec(o.filled),
    avgPx: o.filled > 0 ? dec(o.filledQuote / o.filled) : '',
    state,
    fee: dec(-o.fee),
    feeCcy: o.side === 'buy' ? o.instrument.base : o.instrument.quote,
    category: 'normal',
    cTime: String(o.createdMs),
    uTime: String(o.updatedMs),
  };
}

function tradeJson(t: FakeTrade): Record<string, string> {
  return {
    instType: 'SPOT',
    instId: t.instrument.id,
    tradeId: t.tradeId,
    ordId: t.venueOrderId,
    clOrdId: t.clientOrderId,
    billId: `b${t.tradeId}`,
    tag: '',
    fillPx: dec(t.price),
    fillSz: dec(t.qty),
    side: t.side,
    posSide: 'net',
    execType: t.liquidity === 'maker' ? 'M' : 'T',
    feeCcy: t.feeAsset,
    fee: dec(-t.fee),
    ts: String(t.tsMs),
    fillTime: String(t.tsMs),
  };
}

const PLACE_ERRORS: Record<Exclude<FakePlaceResult, { ok: true }>['code'], [string, string]> = {
  duplicate: ['51016', 'Duplicated clOrdId'],
  insufficient: ['51008', 'Order failed. Insufficient balance'],
  unknown_instrument: ['51001', "Instrument ID doesn't exist"],
  invalid: ['51000', 'Parameter sz error'],
};

/** The OKX route table over one fake market. */
export function okxRoutes(market: FakeMarket, keys: OkxKeys) {
  const find = (q: URLSearchParams | Record<string, unknown>): FakeOrder | undefined => {
    const get = (k: string) => (q instanceof URLSearchParams ? (q.get(k) ?? undefined) : str(q, k));
    const cl = get('clOrdId');
    const id = get('ordId');
    return cl !== undefined && cl !== ''
      ? market.findByClientId(cl)
      : market.findByVenueId(id ?? '');
  };
  return (req: FakeRequest): FakeResponse | undefined => {
    const route = `${req.method} ${req.path}`;
    if (route === 'GET /api/v5/public/time') return ok([{ ts: String(Date.now()) }]);
    if (route === 'GET /api/v5/public/instruments') {
      if (req.query.get('instType') !== 'SPOT') return ok([]);
      return ok(
        market.instruments().map((i) => ({
          instType: 'SPOT',
          instId: i.id,
          baseCcy: i.base,
          quoteCcy: i.quote,
          settleCcy: '',
          ctVal: '',
          ctMult: '',
          ctValCcy: '',
          listTime: '1606468572000',
          expTime: '',
          lever: '',
          tickSz: '0.1',
          lotSz: '0.00000001',
          minSz: '0.00001',
          maxLmtSz: '9999999999',
          maxMktSz: '1000000',
          state: 'live',
          ruleType: 'normal',
          uly: '',
          instFamily: '',
        })),
      );
    }
    if (!req.path.startsWith('/api/v5/trade/') && !req.path.startsWith('/api/v5/account/')) {
      return undefined;
    }
    const authError = verifyOkxSignature(req, keys, Date.now());
    if (authError !== null) {
      const [code, msg] = authError.split(':');
      return fail(401, code ?? '50113', msg ?? 'Invalid Sign');
    }
    switch (route) {
      case 'POST /api/v5/trade/order': {
        const b = jsonBody(req);
        const ordType = str(b, 'ordType');
        const px = str(b, 'px');
        const r = market.place({
          clientOrderId: str(b, 'clOrdId') ?? '',
          instrumentId: str(b, 'instId') ?? '',
          side: str(b, 'side') === 'sell' ? 'sell' : 'buy',
          type: ordType === 'market' ? 'market' : 'limit',
          qty: Number(str(b, 'sz')),
          ...(px !== undefined ? { price: Number(px) } : {}),
          tif: ordType === 'ioc' ? 'IOC' : ordType === 'fok' ? 'FOK' : 'GTC',
          postOnly: ordType === 'post_only',
        });
        if (!r.ok) {
          const [sCode, sMsg] = PLACE_ERRORS[r.code];
          return {
            status: 200,
            body: { code: '1', msg: 'All operations failed', data: [{ sCode, sMsg, ordId: '' }] },
          };
        }
        const { order } = r;
        return ok([
          {
            clOrdId: order.clientOrderId,
            ordId: order.venueOrderId,
            tag: '',
            sCode: '0',
            sMsg: 'Order placed',
            ts: String(order.createdMs),
          },
        ]);
      }
      case 'POST /api/v5/trade/cancel-order': {
        const order = find(jsonBody(req));
        if (order === undefined || !market.cancel(order)) {
          return {
            status: 200,
            body: {
              code: '1',
              msg: '',
              data: [
                {
                  sCode: '51400',
                  sMsg: 'Order cancellation failed as the order has been filled, canceled or does not exist',
                },
              ],
            },
          };
        }
        return ok([
          { clOrdId: order.clientOrderId, ordId: order.venueOrderId, sCode: '0', sMsg: '' },
        ]);
      }
      case 'GET /api/v5/trade/order': {
        const order = find(req.query);
        return order === undefined
          ? fail(200, '51603', 'Order does not exist')
          : ok([orderJson(order)]);
      }
      case 'GET /api/v5/trade/orders-pending': {
        const instId = req.query.get('instId');
        return ok(
          market
            .orders()
            .filter((o) => o.status === 'open' && (instId === null || o.instrument.id === instId))
            .map(orderJson),
        );
      }
      // ccxt reads fills-history (3 months), same shape as /trade/fills (3 days).
      case 'GET /api/v5/trade/fills-history': {
        const instId = req.query.get('instId');
        const begin = Number(req.query.get('begin') ?? '0');
        const fills = market
          .trades()
          .filter((t) => (instId === null || t.instrument.id === instId) && t.tsMs >= begin)
          .map(tradeJson)
          .reverse(); // newest first, as OKX sends them
        return ok(fills);
      }
      case 'GET /api/v5/account/balance': {
        const details = [...market.balances()].map(([ccy, b]) => ({
          ccy,
          availBal: dec(b.free),
          frozenBal: dec(b.locked),
          cashBal: dec(b.free + b.locked),
          eq: dec(b.free + b.locked),
          uTime: String(Date.now()),
        }));
        return ok([{ uTime: String(Date.now()), totalEq: '0', details }]);
      }
      default:
        return undefined;
    }
  };
}
