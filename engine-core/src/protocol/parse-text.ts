import type { EngineCommand } from '../model/commands';
import { err, ok, type Result } from '../util/result';
import { buildCancel, buildExecReport, buildMarketTick, buildQuery } from './build-commands';
import { buildOrderRequest } from './build-order';
import { parseBool, parseDecimal, parseTsMs, quote } from './field-checks';

/** Usage of the ORDER command, the error for a wrong argument count. */
export const ORDER_USAGE =
  'usage: ORDER <BUY|SELL> <symbol> <qty> <price|MARKET> <client_order_id> [key=value ...]';
/** Usage of the CANCEL command. */
export const CANCEL_USAGE = 'usage: CANCEL <client_order_id>';
/** Usage of the QUERY command. */
export const QUERY_USAGE =
  'usage: QUERY ORDERS | QUERY ORDER <client_order_id> | QUERY ACCOUNT | QUERY POSITIONS';
/** Usage of the MARKET command. */
export const MARKET_USAGE = 'usage: MARKET <symbol> <price> [ts_ms]';
/** Usage of the EXEC command. */
export const EXEC_USAGE = 'usage: EXEC <client_order_id> <status> [key=value ...]';

const ORDER_KEYS = ['type', 'stop', 'tif', 'post_only', 'reduce_only'] as const;
const EXEC_KEYS = [
  'fill_qty',
  'fill_price',
  'fee',
  'fee_asset',
  'venue_order_id',
  'reason',
  'liquidity',
] as const;

// Results shared by every command that has nothing optional (the usual ORDER): these paths run
// per command, and a `Result` is immutable, so one object serves them all.
const OK_NULL = ok(null);
const NO_ORDER_PAIRS: Result<readonly null[], string> = ok(ORDER_KEYS.map(() => null));

/**
 * Reads the `key=value` tokens from `from` on. Key names are case-insensitive. Returns the values
 * by the index of their key in `keys` (null when absent); unknown, duplicate and empty keys and
 * values are errors.
 */
function readPairs(
  tokens: readonly string[],
  from: number,
  keys: readonly string[],
): Result<readonly (string | null)[], string> {
  const values: (string | null)[] = keys.map(() => null);
  for (let i = from; i < tokens.length; i++) {
    const tok = tokens[i];
    const eq = tok.indexOf('=');
    if (eq <= 0) return err(`expected key=value, got ${quote(tok)}`);
    const key = tok.slice(0, eq).toLowerCase();
    const k = keys.indexOf(key);
    if (k < 0) return err(`unknown key ${quote(tok.slice(0, eq))}`);
    if (values[k] !== null) return err(`duplicate key ${quote(key)}`);
    if (eq === tok.length - 1) return err(`empty value for key ${quote(key)}`);
    values[k] = tok.slice(eq + 1);
  }
  return ok(values);
}

/** Reads an optional decimal value (null stays null). */
function optDecimal(name: string, tok: string | null): Result<number | null, string> {
  return tok === null ? OK_NULL : parseDecimal(name, tok);
}

/** Reads an optional boolean value (null stays null). */
function optBool(name: string, tok: string | null): Result<boolean | null, string> {
  return tok === null ? OK_NULL : parseBool(name, tok);
}

/** True for the price token `MARKET` (any case). */
function isMarketWord(tok: string): boolean {
  return tok.length === 6 && tok.toUpperCase() === 'MARKET';
}

function parseOrder(t: readonly string[]): Result<EngineCommand, string> {
  if (t.length < 6) return err(ORDER_USAGE);
  const pairs = t.length === 6 ? NO_ORDER_PAIRS : readPairs(t, 6, ORDER_KEYS);
  if (!pairs.ok) return pairs;
  const [type, stopTok, tif, postOnlyTok, reduceOnlyTok] = pairs.value;
  const qty = parseDecimal('qty', t[3]);
  if (!qty.ok) return qty;
  const priceTok = t[4];
  const price = isMarketWord(priceTok) ? OK_NULL : parseDecimal('price', priceTok);
  if (!price.ok) return price;
  const stop = optDecimal('stop', stopTok);
  if (!stop.ok) return stop;
  const postOnly = optBool('post_only', postOnlyTok);
  if (!postOnly.ok) return postOnly;
  const reduceOnly = optBool('reduce_only', reduceOnlyTok);
  if (!reduceOnly.ok) return reduceOnly;
  const request = buildOrderRequest({
    side: t[1],
    symbol: t[2],
    qty: qty.value,
    price: price.value,
    clientOrderId: t[5],
    type: type,
    stop: stop.value,
    tif: tif,
    postOnly: postOnly.value,
    reduceOnly: reduceOnly.value,
  });
  if (!request.ok) return request;
  return ok({ type: 'submit_order', request: request.value });
}

function parseQuery(t: readonly string[]): Result<EngineCommand, string> {
  if (t.length === 2) return buildQuery(t[1], null);
  if (t.length === 3) return buildQuery(t[1], t[2]);
  return err(QUERY_USAGE);
}

function parseMarket(t: readonly string[]): Result<EngineCommand, string> {
  if (t.length < 3 || t.length > 4) return err(MARKET_USAGE);
  const price = parseDecimal('price', t[2]);
  if (!price.ok) return price;
  const ts = t.length === 4 ? parseTsMs(t[3]) : ok(null);
  if (!ts.ok) return ts;
  return buildMarketTick(t[1], price.value, ts.value);
}

function parseExec(t: readonly string[]): Result<EngineCommand, string> {
  if (t.length < 3) return err(EXEC_USAGE);
  const pairs = readPairs(t, 3, EXEC_KEYS);
  if (!pairs.ok) return pairs;
  const [fillQtyTok, fillPriceTok, feeTok, feeAsset, venueOrderId, reason, liquidity] = pairs.value;
  const fillQty = optDecimal('fill_qty', fillQtyTok);
  if (!fillQty.ok) return fillQty;
  const fillPrice = optDecimal('fill_price', fillPriceTok);
  if (!fillPrice.ok) return fillPrice;
  const fee = optDecimal('fee', feeTok);
  if (!fee.ok) return fee;
  return buildExecReport({
    clientOrderId: t[1],
    status: t[2],
    fillQty: fillQty.value,
    fillPrice: fillPrice.value,
    fee: fee.value,
    feeAsset: feeAsset,
    venueOrderId: venueOrderId,
    reason: reason,
    liquidity: liquidity,
  });
}

/**
 * Parses the tokens of one text command (DESIGN §8). Keywords, sides, statuses, enum values and
 * key names are case-insensitive. Values cannot hold whitespace, so an EXEC `reason` with spaces
 * needs the JSON form.
 */
export function parseTextCommand(tokens: readonly string[]): Result<EngineCommand, string> {
  const keyword = (tokens[0] ?? '').toUpperCase();
  switch (keyword) {
    case 'ORDER':
      return parseOrder(tokens);
    case 'CANCEL':
      return tokens.length === 2 ? buildCancel(tokens[1]) : err(CANCEL_USAGE);
    case 'QUERY':
      return parseQuery(tokens);
    case 'MARKET':
      return parseMarket(tokens);
    case 'EXEC':
      return parseExec(tokens);
    default:
      return err(`unknown command ${quote(tokens[0] ?? '')}`);
  }
}
