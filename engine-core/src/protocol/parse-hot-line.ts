import type { EngineCommand } from '../model/commands';
import { clientOrderId, symbolId } from '../model/ids';
import type { OrderRequest, Side } from '../model/order';
import { isDecimal, isIdToken, MAX_ID_LENGTH, MAX_SYMBOL_LENGTH } from './field-checks';

/** A decimal token as a finite number > 0, or null (then the general parser reports it). */
function positiveDecimal(tok: string): number | null {
  if (!isDecimal(tok)) return null;
  const x = Number(tok);
  return x > 0 && x !== Number.POSITIVE_INFINITY ? x : null;
}

/**
 * The two lines a busy session is made of, read without the general machinery (token array,
 * a `Result` per field, raw and intermediate objects):
 *
 *     ORDER <BUY|SELL> <symbol> <qty> <price> <client_order_id>     (upper case, single spaces)
 *     CANCEL <client_order_id>
 *
 * Returns the command when the line is exactly that shape and every field is valid, else null,
 * and the caller falls back to the general parser, which then gives the same command or the
 * error message. Whatever this returns, the general parser returns too, field for field and in
 * the same key order (the parse-command tests check both paths agree).
 */
export function parseHotLine(line: string): EngineCommand | null {
  if (line.startsWith('CANCEL ')) {
    const id = line.slice(7);
    if (!isIdToken(id, MAX_ID_LENGTH)) return null;
    return { type: 'cancel_order', clientOrderId: clientOrderId(id) };
  }
  if (!line.startsWith('ORDER ')) return null;
  // Five separators after the keyword, and no sixth (no key=value options).
  const a = line.indexOf(' ', 6);
  const b = a < 0 ? -1 : line.indexOf(' ', a + 1);
  const c = b < 0 ? -1 : line.indexOf(' ', b + 1);
  const d = c < 0 ? -1 : line.indexOf(' ', c + 1);
  if (d < 0 || line.indexOf(' ', d + 1) >= 0) return null;
  const sideTok = line.slice(6, a);
  const side: Side | null = sideTok === 'BUY' ? 'BUY' : sideTok === 'SELL' ? 'SELL' : null;
  if (side === null) return null;
  const symbol = line.slice(a + 1, b);
  if (!isIdToken(symbol, MAX_SYMBOL_LENGTH)) return null;
  const qty = positiveDecimal(line.slice(b + 1, c));
  if (qty === null) return null;
  const price = positiveDecimal(line.slice(c + 1, d));
  if (price === null) return null;
  const id = line.slice(d + 1);
  if (!isIdToken(id, MAX_ID_LENGTH)) return null;
  // The key order of buildOrderRequest's LIMIT literal: same shape, same WAL bytes.
  const request: OrderRequest = {
    type: 'LIMIT',
    price,
    clientOrderId: clientOrderId(id),
    symbol: symbolId(symbol),
    side,
    qty,
    tif: 'GTC',
    postOnly: false,
    reduceOnly: false,
  };
  return { type: 'submit_order', request };
}
