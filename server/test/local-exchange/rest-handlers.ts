// The signed spot endpoints of the local exchange: parameters checked as Binance checks them
// (mandatory, not-required, legal characters), then handed to the matching engine.
import { randomBytes } from 'node:crypto';
import type { Ledger } from './ledger';
import type { MatchingEngine, OrderRef } from './matching-engine';
import { missingParam } from './signed-request';
import type { ExError, ExOrderType, ExSide, ExTif } from './types';
import {
  accountJson,
  cancelJson,
  type NewOrderRespType,
  newOrderJson,
  orderJson,
  tradeJson,
} from './wire-format';

/** A handler's answer: a JSON body or Binance's error. */
export type Reply =
  | { readonly ok: true; readonly body: unknown }
  | { readonly ok: false; readonly error: ExError };

export interface HandlerContext {
  readonly engine: MatchingEngine;
  readonly ledger: Ledger;
  readonly fees: { maker: number; taker: number };
  readonly now: () => number;
}

const CLIENT_ID = /^[.A-Z:/a-z0-9_-]{1,36}$/;
const DECIMAL = /^([0-9]{1,20})(\.[0-9]{1,20})?$/;
const TYPES: readonly ExOrderType[] = [
  'LIMIT',
  'MARKET',
  'STOP_LOSS',
  'STOP_LOSS_LIMIT',
  'LIMIT_MAKER',
];
const TIFS: readonly ExTif[] = ['GTC', 'IOC', 'FOK'];

const bad = (code: number, msg: string): Reply => ({
  ok: false,
  error: { status: 400, code, msg },
});
const missing = (name: string): Reply => ({ ok: false, error: missingParam(name) });
const notRequired = (name: string): Reply =>
  bad(-1106, `Parameter '${name}' sent when not required.`);
const illegal = (name: string, range: string): Reply =>
  bad(-1100, `Illegal characters found in parameter '${name}'; legal range is '${range}'.`);

/** A generated client order id (Binance makes 22 alphanumerics). */
function generatedId(): string {
  return randomBytes(16)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 22);
}

function decimal(p: URLSearchParams, name: string): number | Reply | undefined {
  const v = p.get(name);
  if (v === null || v === '') return undefined;
  if (!DECIMAL.test(v)) return illegal(name, DECIMAL.source);
  return Number(v);
}

const isReply = (v: unknown): v is Reply => typeof v === 'object' && v !== null && 'ok' in v;

export function newOrder(account: string, p: URLSearchParams, c: HandlerContext): Reply {
  const symbol = p.get('symbol');
  if (!symbol) return missing('symbol');
  const side = p.get('side');
  if (!side) return missing('side');
  if (side !== 'BUY' && side !== 'SELL') return bad(-1117, 'Invalid side.');
  const type = p.get('type');
  if (!type) return missing('type');
  if (!TYPES.includes(type as ExOrderType)) return bad(-1116, 'Invalid orderType.');
  const t = type as ExOrderType;
  const needsPrice = t === 'LIMIT' || t === 'LIMIT_MAKER' || t === 'STOP_LOSS_LIMIT';
  const needsTif = t === 'LIMIT' || t === 'STOP_LOSS_LIMIT';
  const needsStop = t === 'STOP_LOSS' || t === 'STOP_LOSS_LIMIT';
  const tif = p.get('timeInForce');
  if (needsTif && !tif) return missing('timeInForce');
  if (!needsTif && tif) return notRequired('timeInForce');
  if (tif && !TIFS.includes(tif as ExTif)) return bad(-1115, 'Invalid timeInForce.');
  const qty = decimal(p, 'quantity');
  if (isReply(qty)) return qty;
  if (qty === undefined) return missing('quantity');
  const price = decimal(p, 'price');
  if (isReply(price)) return price;
  if (needsPrice && price === undefined) return missing('price');
  if (!needsPrice && price !== undefined) return notRequired('price');
  const stop = decimal(p, 'stopPrice');
  if (isReply(stop)) return stop;
  if (needsStop && stop === undefined) return missing('stopPrice');
  if (!needsStop && stop !== undefined) return notRequired('stopPrice');
  const cid = p.get('newClientOrderId') ?? generatedId();
  if (!CLIENT_ID.test(cid)) return illegal('newClientOrderId', '^[\\.A-Z\\:/a-z0-9_-]{1,36}$');
  const respRaw = p.get('newOrderRespType');
  const resp: NewOrderRespType =
    respRaw === 'ACK' || respRaw === 'RESULT' || respRaw === 'FULL'
      ? respRaw
      : t === 'MARKET' || t === 'LIMIT'
        ? 'FULL'
        : 'ACK';
  const out = c.engine.place({
    account,
    symbol,
    side: side as ExSide,
    type: t,
    tif: (tif as ExTif | null) ?? null,
    qty,
    price: price ?? 0,
    stopPrice: stop ?? 0,
    clientOrderId: cid,
  });
  if (!out.ok) return out;
  return { ok: true, body: newOrderJson(out.order, out.fills, resp) };
}

function orderRef(p: URLSearchParams): OrderRef | Reply {
  const id = p.get('orderId');
  if (id) {
    if (!/^[0-9]{1,20}$/.test(id)) return illegal('orderId', '^[0-9]{1,20}$');
    return { orderId: Number(id) };
  }
  const cid = p.get('origClientOrderId');
  if (cid) return { clientOrderId: cid };
  return bad(
    -1102,
    "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!",
  );
}

export function cancelOrder(account: string, p: URLSearchParams, c: HandlerContext): Reply {
  const symbol = p.get('symbol');
  if (!symbol) return missing('symbol');
  const ref = orderRef(p);
  if (isReply(ref)) return ref;
  const cancelId = p.get('newClientOrderId') ?? generatedId();
  const out = c.engine.cancel(account, symbol, ref, cancelId);
  if (!out.ok) return out;
  return { ok: true, body: cancelJson(out.order, c.now()) };
}

export function queryOrder(account: string, p: URLSearchParams, c: HandlerContext): Reply {
  const symbol = p.get('symbol');
  if (!symbol) return missing('symbol');
  const ref = orderRef(p);
  if (isReply(ref)) return ref;
  const o = c.engine.query(account, symbol, ref);
  if (!o) return bad(-2013, 'Order does not exist.');
  return { ok: true, body: orderJson(o) };
}

export function openOrders(account: string, p: URLSearchParams, c: HandlerContext): Reply {
  const symbol = p.get('symbol') ?? undefined;
  if (symbol && !c.engine.spec(symbol)) return bad(-1121, 'Invalid symbol.');
  return { ok: true, body: c.engine.openOrders(account, symbol).map(orderJson) };
}

export function account(account: string, p: URLSearchParams, c: HandlerContext): Reply {
  const omitZero = p.get('omitZeroBalances') === 'true';
  const all = c.ledger.balances(account);
  const rows = omitZero ? all.filter((b) => b.free !== 0 || b.locked !== 0) : all;
  return { ok: true, body: accountJson(rows, c.fees, c.now()) };
}

export function myTrades(account: string, p: URLSearchParams, c: HandlerContext): Reply {
  const symbol = p.get('symbol');
  if (!symbol) return missing('symbol');
  const limitRaw = p.get('limit');
  const limit = limitRaw ? Number(limitRaw) : 500;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return illegal('limit', '1-1000');
  const orderId = p.get('orderId');
  const fromId = p.get('fromId');
  const trades = c.engine.trades(account, symbol, {
    limit,
    ...(orderId ? { orderId: Number(orderId) } : {}),
    ...(fromId ? { fromId: Number(fromId) } : {}),
  });
  return { ok: true, body: trades.map(tradeJson) };
}
