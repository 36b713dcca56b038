import type { ClientOrderId, SymbolId } from '../model/ids';
import type { OrderRequest, OrderType, Side, TimeInForce } from '../model/order';
import { assertNever } from '../util/assert';
import { err, ok, type Result } from '../util/result';
import { checkClientOrderId, checkSymbol, parseEnum, positiveError } from './field-checks';

/** Order sides, as on the wire. */
export const SIDES: readonly Side[] = ['BUY', 'SELL'];
/** Order types, as on the wire. */
export const ORDER_TYPES: readonly OrderType[] = ['LIMIT', 'MARKET', 'STOP', 'STOP_LIMIT'];
/** Times in force, as on the wire. */
export const TIFS: readonly TimeInForce[] = ['GTC', 'IOC', 'FOK'];

/**
 * The fields of an order as either wire form carries them, before the semantic checks. Numbers
 * are already numbers (each form reads its own syntax); enums are still raw, any case.
 */
export interface RawOrder {
  readonly side: string;
  readonly symbol: string;
  readonly qty: number;
  /** The limit price, or null for `MARKET`. */
  readonly price: number | null;
  readonly clientOrderId: string;
  readonly type: string | null;
  readonly stop: number | null;
  readonly tif: string | null;
  readonly postOnly: boolean | null;
  readonly reduceOnly: boolean | null;
}

const OK_MARKET = ok<OrderType>('MARKET');
const OK_LIMIT = ok<OrderType>('LIMIT');

/** Resolves the order type: explicit, else LIMIT for a numeric price and MARKET for `MARKET`. */
function resolveType(raw: RawOrder): Result<OrderType, string> {
  if (raw.type === null) return raw.price === null ? OK_MARKET : OK_LIMIT;
  return parseEnum('type', raw.type, ORDER_TYPES);
}

const POST_ONLY_ERROR = 'post_only is only allowed with type LIMIT';

/** The fields every order type shares, checked. */
interface CommonFields {
  readonly clientOrderId: ClientOrderId;
  readonly symbol: SymbolId;
  readonly side: Side;
  readonly qty: number;
  readonly tif: TimeInForce;
  readonly postOnly: boolean;
  readonly reduceOnly: boolean;
}

/**
 * Checks the price fields against the type (the rules of DESIGN §8) and builds the request.
 * Each type is written as one object literal: spreading would be far slower on this hot path.
 */
function buildForType(
  type: OrderType,
  price: number | null,
  stop: number | null,
  c: CommonFields,
): Result<OrderRequest, string> {
  const { clientOrderId, symbol, side, qty, tif, postOnly, reduceOnly } = c;
  switch (type) {
    case 'MARKET':
      if (price !== null) return err('a MARKET order takes no price (give MARKET as the price)');
      if (stop !== null) return err('stop is not allowed with type MARKET');
      if (postOnly) return err(POST_ONLY_ERROR);
      return ok({ type, clientOrderId, symbol, side, qty, tif, postOnly, reduceOnly });
    case 'LIMIT':
      if (price === null) return err('a LIMIT order needs a numeric price');
      if (stop !== null) return err('stop is not allowed with type LIMIT');
      return ok({ type, price, clientOrderId, symbol, side, qty, tif, postOnly, reduceOnly });
    case 'STOP':
      if (stop === null) return err('a STOP order needs stop');
      if (price !== null) {
        return err('a STOP order takes MARKET as the price (use STOP_LIMIT for a limit)');
      }
      if (postOnly) return err(POST_ONLY_ERROR);
      return ok({
        type,
        stopPrice: stop,
        clientOrderId,
        symbol,
        side,
        qty,
        tif,
        postOnly,
        reduceOnly,
      });
    case 'STOP_LIMIT':
      if (stop === null) return err('a STOP_LIMIT order needs stop');
      if (price === null) return err('a STOP_LIMIT order needs a numeric price');
      if (postOnly) return err(POST_ONLY_ERROR);
      return ok({
        type,
        stopPrice: stop,
        price,
        clientOrderId,
        symbol,
        side,
        qty,
        tif,
        postOnly,
        reduceOnly,
      });
    default:
      return assertNever(type);
  }
}

/**
 * Builds an `OrderRequest` from raw fields, applying every semantic rule once for both wire
 * forms: side, symbol, qty > 0, prices > 0, id syntax, type/price/stop consistency, post_only
 * only with LIMIT. Defaults: tif GTC, post_only and reduce_only false.
 */
export function buildOrderRequest(raw: RawOrder): Result<OrderRequest, string> {
  const side = parseEnum('side', raw.side, SIDES);
  if (!side.ok) return side;
  const symbol = checkSymbol(raw.symbol);
  if (!symbol.ok) return symbol;
  const qtyError = positiveError('qty', raw.qty);
  if (qtyError !== null) return err(qtyError);
  if (raw.price !== null) {
    const e = positiveError('price', raw.price);
    if (e !== null) return err(e);
  }
  const id = checkClientOrderId(raw.clientOrderId);
  if (!id.ok) return id;
  const type = resolveType(raw);
  if (!type.ok) return type;
  if (raw.stop !== null) {
    const e = positiveError('stop', raw.stop);
    if (e !== null) return err(e);
  }
  let tif: TimeInForce = 'GTC';
  if (raw.tif !== null) {
    const t = parseEnum('tif', raw.tif, TIFS);
    if (!t.ok) return t;
    tif = t.value;
  }
  return buildForType(type.value, raw.price, raw.stop, {
    clientOrderId: id.value,
    symbol: symbol.value,
    side: side.value,
    qty: raw.qty,
    tif,
    postOnly: raw.postOnly === true,
    reduceOnly: raw.reduceOnly === true,
  });
}
