// A local Coinbase Advanced Trade (v3 brokerage, spot) serving the endpoints ccxt calls for the
// adapter, in the documented shapes. Private calls must carry `Authorization: Bearer <JWT>`: ES256
// over the key pair generated here, header `kid` = the key name, claims `sub` = the key name,
// `nbf` <= now < `exp` (at most 120 s apart) and `uri` = "METHOD host/path" (no query).
import { createPublicKey, generateKeyPairSync, type KeyObject, verify } from 'node:crypto';
import { dec, type FakeRequest, type FakeResponse, jsonBody, str } from './fake-http';
import type { FakeMarket, FakeOrder, FakeTrade } from './fake-market';

export interface CoinbaseKey {
  readonly keyName: string;
  readonly publicKey: KeyObject;
}

/** A fresh P-256 key pair; the private key as Coinbase hands it out (SEC1 PEM). */
export function coinbaseKeyPair(): { privatePem: string; publicKey: KeyObject } {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const privatePem = privateKey.export({ type: 'sec1', format: 'pem' }).toString();
  return { privatePem, publicKey: createPublicKey(privateKey) };
}

const json = (status: number, body: unknown): FakeResponse => ({ status, body });
// Coinbase answers a bad token with a bare 401 "Unauthorized"; the fake's reason rides in a header.
const unauthorized = (why: string): FakeResponse => ({
  status: 401,
  body: 'Unauthorized\n',
  headers: { 'x-fake-reason': why },
});

function decodePart(part: string | undefined): Record<string, unknown> | null {
  if (part === undefined) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Verifies the bearer JWT of a request; a reason when it fails. */
export function verifyCoinbaseJwt(
  req: FakeRequest,
  key: CoinbaseKey,
  nowMs: number,
): string | null {
  const auth = req.headers.authorization;
  if (typeof auth !== 'string' || !auth.startsWith('Bearer ')) return 'missing bearer token';
  const [h, p, s] = auth.slice('Bearer '.length).split('.');
  const header = decodePart(h);
  const claims = decodePart(p);
  if (header === null || claims === null || s === undefined) return 'malformed token';
  if (header.alg !== 'ES256' || header.kid !== key.keyName || typeof header.nonce !== 'string') {
    return 'bad header';
  }
  const signatureOk = verify(
    'sha256',
    Buffer.from(`${h}.${p}`),
    { key: key.publicKey, dsaEncoding: 'ieee-p1363' },
    Buffer.from(s, 'base64url'),
  );
  if (!signatureOk) return 'invalid signature';
  const now = Math.floor(nowMs / 1000);
  const { nbf, exp } = claims;
  if (claims.sub !== key.keyName) return 'bad sub';
  if (typeof nbf !== 'number' || typeof exp !== 'number' || nbf > now + 1 || exp <= now) {
    return 'token not valid now';
  }
  if (exp - nbf > 120) return 'token lives too long';
  // The documented uri is "METHOD host/path". ccxt strips only "https://" from its URL, so over
  // this plain-http fake the claim keeps "http://": the one form accepted beside the documented.
  const hostPath = `${req.headers.host ?? ''}${req.path}`;
  const uri = claims.uri;
  if (uri !== `${req.method} ${hostPath}` && uri !== `${req.method} http://${hostPath}`) {
    return 'uri claim does not match the request';
  }
  return null;
}

const STATUS: Record<FakeOrder['status'], string> = {
  open: 'OPEN',
  filled: 'FILLED',
  cancelled: 'CANCELLED',
  rejected: 'FAILED',
};

function orderConfiguration(o: FakeOrder): Record<string, unknown> {
  if (o.type === 'market') return { market_market_ioc: { base_size: dec(o.qty) } };
  const limit = { base_size: dec(o.qty), limit_price: dec(o.price ?? 0) };
  if (o.tif === 'IOC') return { sor_limit_ioc: limit };
  if (o.tif === 'FOK') return { limit_limit_fok: limit };
  return { limit_limit_gtc: { ...limit, post_only: o.postOnly } };
}

function orderJson(o: FakeOrder): Record<string, unknown> {
  return {
    order_id: o.venueOrderId,
    product_id: o.instrument.id,
    user_id: 'user-1',
    order_configuration: orderConfiguration(o),
    side: o.side === 'buy' ? 'BUY' : 'SELL',
    client_order_id: o.clientOrderId,
    status: STATUS[o.status],
    time_in_force:
      o.tif === 'GTC'
        ? 'GOOD_UNTIL_CANCELLED'
        : o.tif === 'IOC'
          ? 'IMMEDIATE_OR_CANCEL'
          : 'FILL_OR_KILL',
    created_time: new Date(o.createdMs).toISOString(),
    completion_percentage: dec((100 * o.filled) / o.qty),
    filled_size: dec(o.filled),
    average_filled_price: o.filled > 0 ? dec(o.filledQuote / o.filled) : '0',
    fee: '',
    number_of_fills: '0',
    filled_value: dec(o.filledQuote),
    pending_cancel: false,
    size_in_quote: false,
    total_fees: dec(o.fee),
    size_inclusive_of_fees: false,
    total_value_after_fees: dec(o.filledQuote),
    trigger_status: 'INVALID_ORDER_TYPE',
    order_type: o.type === 'market' ? 'MARKET' : 'LIMIT',
    reject_reason: '',
    settled: o.status !== 'open',
    product_type: 'SPOT',
    reject_message: '',
    cancel_message: '',
    order_placement_source: 'RETAIL_ADVANCED',
    outstanding_hold_amount: '0',
    is_liquidation: false,
    last_fill_time: null,
    edit_history: [],
  };
}

function fillJson(t: FakeTrade): Record<string, unknown> {
  const time = new Date(t.tsMs).toISOString();
  return {
    entry_id: `e${t.tradeId}`,
    trade_id: t.tradeId,
    order_id: t.venueOrderId,
    trade_time: time,
    trade_type: 'FILL',
    price: dec(t.price),
    size: dec(t.qty),
    commission: dec(t.side === 'buy' ? t.fee * t.price : t.fee),
    product_id: t.instrument.id,
    sequence_timestamp: time,
    liquidity_indicator: t.liquidity === 'maker' ? 'MAKER' : 'TAKER',
    size_in_quote: false,
    user_id: 'user-1',
    side: t.side === 'buy' ? 'BUY' : 'SELL',
  };
}

/** Reads base size, limit price, time in force and post-only from `order_configuration`. */
function readConfiguration(b: Record<string, unknown>) {
  const conf = b.order_configuration;
  if (typeof conf !== 'object' || conf === null) return undefined;
  const [kind, raw] = Object.entries(conf)[0] ?? [];
  if (kind === undefined || typeof raw !== 'object' || raw === null) return undefined;
  const c = raw as Record<string, unknown>;
  const size = str(c, 'base_size');
  const limit = str(c, 'limit_price');
  return {
    type: kind === 'market_market_ioc' ? ('market' as const) : ('limit' as const),
    qty: Number(size ?? 'NaN'),
    ...(limit !== undefined ? { price: Number(limit) } : {}),
    tif:
      kind === 'sor_limit_ioc'
        ? ('IOC' as const)
        : kind === 'limit_limit_fok'
          ? ('FOK' as const)
          : ('GTC' as const),
    postOnly: c.post_only === true,
  };
}

/** The Coinbase route table over one fake market. */
export function coinbaseRoutes(market: FakeMarket, key: CoinbaseKey) {
  return (req: FakeRequest): FakeResponse | undefined => {
    const route = `${req.method} ${req.path}`;
    if (route === 'GET /api/v3/brokerage/time') {
      const now = Date.now();
      return json(200, {
        iso: new Date(now).toISOString(),
        epochSeconds: String(Math.floor(now / 1000)),
        epochMillis: String(now),
      });
    }
    if (route === 'GET /api/v3/brokerage/market/products') {
      const type = req.query.get('product_type');
      if (type !== null && type !== 'SPOT') return json(200, { products: [], num_products: 0 });
      const products = market.instruments().map((i) => ({
        product_id: i.id,
        price: '50000',
        price_percentage_change_24h: '0',
        volume_24h: '0',
        volume_percentage_change_24h: '0',
        base_increment: '0.00000001',
        quote_increment: '0.01',
        quote_min_size: '1',
        quote_max_size: '150000000',
        base_min_size: '0.00000001',
        base_max_size: '3400',
        base_name: i.base,
        quote_name: i.quote,
        watched: false,
        is_disabled: false,
        new: false,
        status: 'online',
        cancel_only: false,
        limit_only: false,
        post_only: false,
        trading_disabled: false,
        auction_mode: false,
        product_type: 'SPOT',
        quote_currency_id: i.quote,
        base_currency_id: i.base,
        mid_market_price: '',
        alias: '',
        alias_to: [],
        base_display_symbol: i.base,
        quote_display_symbol: i.quote,
        view_only: false,
        price_increment: '0.01',
        display_name: i.id,
        product_venue: 'CBE',
      }));
      return json(200, { products, num_products: products.length });
    }
    if (!req.path.startsWith('/api/v3/brokerage/')) return undefined;
    const authError = verifyCoinbaseJwt(req, key, Date.now());
    if (authError !== null) return unauthorized(authError);
    if (route === 'GET /api/v3/brokerage/transaction_summary') {
      return json(200, {
        total_volume: 0,
        total_fees: 0,
        fee_tier: {
          pricing_tier: 'Advanced 1',
          usd_from: '0',
          usd_to: '1000',
          taker_fee_rate: '0.001',
          maker_fee_rate: '0.001',
        },
        advanced_trade_only_volume: 0,
        advanced_trade_only_fees: 0,
      });
    }
    if (route === 'POST /api/v3/brokerage/orders') {
      const b = jsonBody(req);
      const conf = readConfiguration(b);
      const r =
        conf === undefined
          ? ({ ok: false, code: 'invalid' } as const)
          : market.place({
              clientOrderId: str(b, 'client_order_id') ?? '',
              instrumentId: str(b, 'product_id') ?? '',
              side: str(b, 'side') === 'SELL' ? 'sell' : 'buy',
              ...conf,
            });
      if (!r.ok) {
        const error =
          r.code === 'insufficient'
            ? 'INSUFFICIENT_FUND'
            : r.code === 'unknown_instrument'
              ? 'INVALID_PRODUCT_ID'
              : 'INVALID_ARGUMENT';
        return json(200, {
          success: false,
          failure_reason: 'UNKNOWN_FAILURE_REASON',
          order_id: '',
          error_response: {
            error,
            message: r.code,
            error_details: '',
            preview_failure_reason: `PREVIEW_${error}`,
          },
          order_configuration: b.order_configuration,
        });
      }
      const o = r.order;
      return json(200, {
        success: true,
        failure_reason: 'UNKNOWN_FAILURE_REASON',
        order_id: o.venueOrderId,
        success_response: {
          order_id: o.venueOrderId,
          product_id: o.instrument.id,
          side: o.side.toUpperCase(),
          client_order_id: o.clientOrderId,
        },
        order_configuration: b.order_configuration,
      });
    }
    if (route === 'POST /api/v3/brokerage/orders/batch_cancel') {
      const ids = jsonBody(req).order_ids;
      const results = (Array.isArray(ids) ? ids : []).map((id) => {
        const order = typeof id === 'string' ? market.findByVenueId(id) : undefined;
        const done = order !== undefined && market.cancel(order);
        return {
          success: done,
          failure_reason: done ? 'UNKNOWN_CANCEL_FAILURE_REASON' : 'UNKNOWN_CANCEL_ORDER',
          order_id: id,
        };
      });
      return json(200, { results });
    }
    if (route === 'GET /api/v3/brokerage/orders/historical/batch') {
      const statuses = req.query.getAll('order_status');
      const products = req.query.getAll('product_ids');
      const limit = Number(req.query.get('limit') ?? '1000');
      const orders = market
        .orders()
        .filter((o) => statuses.length === 0 || statuses.includes(STATUS[o.status]))
        .filter((o) => products.length === 0 || products.includes(o.instrument.id))
        .map(orderJson)
        .reverse()
        .slice(0, limit);
      return json(200, { orders, sequence: '0', has_next: false, cursor: '' });
    }
    if (route === 'GET /api/v3/brokerage/orders/historical/fills') {
      const product = req.query.get('product_id') ?? req.query.get('product_ids');
      const start = req.query.get('start_sequence_timestamp');
      const from = start === null ? 0 : Date.parse(start);
      const fills = market
        .trades()
        .filter((t) => (product === null || t.instrument.id === product) && t.tsMs >= from)
        .map(fillJson)
        .reverse();
      return json(200, { fills, cursor: '' });
    }
    const one = /^\/api\/v3\/brokerage\/orders\/historical\/([^/]+)$/.exec(req.path);
    if (req.method === 'GET' && one !== null) {
      const order = market.findByVenueId(decodeURIComponent(one[1] ?? ''));
      return order === undefined
        ? json(404, { error: 'NOT_FOUND', message: 'order not found', error_details: '' })
        : json(200, { order: orderJson(order) });
    }
    if (route === 'GET /api/v3/brokerage/accounts') {
      const accounts = [...market.balances()].map(([currency, b]) => ({
        uuid: `acct-${currency}`,
        name: `${currency} Wallet`,
        currency,
        available_balance: { value: dec(b.free), currency },
        default: true,
        active: true,
        created_at: '2024-01-01T00:00:00Z',
        updated_at: '2024-01-01T00:00:00Z',
        deleted_at: null,
        type: currency === 'USD' ? 'ACCOUNT_TYPE_FIAT' : 'ACCOUNT_TYPE_CRYPTO',
        ready: true,
        hold: { value: dec(b.locked), currency },
        retail_portfolio_id: 'portfolio-1',
      }));
      return json(200, { accounts, has_next: false, cursor: '', size: accounts.length });
    }
    return undefined;
  };
}
