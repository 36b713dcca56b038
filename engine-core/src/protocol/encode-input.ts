import type { EngineCommand } from '../model/commands';
import { limitPrice, stopPrice } from '../model/order';
import { assertNever } from '../util/assert';
import { encodeWire } from './encode-wire';

/** Longest excerpt of a bad input line echoed in an `error` event. */
export const MAX_ERROR_INPUT = 200;

/** Cuts `s` to at most `max` UTF-16 units without splitting a surrogate pair. */
function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  const c = s.charCodeAt(max - 1);
  return s.slice(0, c >= 0xd800 && c <= 0xdbff ? max - 1 : max);
}

/**
 * Encodes the `error` event for an input line that could not be used: {message, line, input}
 * with the input cut to 200 characters. `line` and `input` are left out when null.
 */
export function encodeError(
  message: string,
  line: number | null,
  input: string | null,
  tsMs: number | null,
): string {
  return encodeWire('error', tsMs, {
    message,
    line: line ?? undefined,
    input: input === null ? undefined : truncate(input, MAX_ERROR_INPUT),
  });
}

/**
 * Encodes the echo of a parsed command: `order_received` (the order's fields),
 * `cancel_received`, `query_received` or `exec_received`; null for a `market_tick`, which has
 * no echo.
 */
export function encodeReceived(cmd: EngineCommand, tsMs: number | null): string | null {
  switch (cmd.type) {
    case 'submit_order': {
      const r = cmd.request;
      return encodeWire('order_received', tsMs, {
        client_order_id: r.clientOrderId,
        side: r.side,
        symbol: r.symbol,
        qty: r.qty,
        price: limitPrice(r),
        order_type: r.type,
        stop: stopPrice(r),
        tif: r.tif,
        post_only: r.postOnly,
        reduce_only: r.reduceOnly,
      });
    }
    case 'cancel_order':
      return encodeWire('cancel_received', tsMs, { client_order_id: cmd.clientOrderId });
    case 'query':
      return encodeWire('query_received', tsMs, {
        what: cmd.what,
        client_order_id: cmd.what === 'order' ? cmd.clientOrderId : undefined,
      });
    case 'market_tick':
      return null;
    case 'execution_report':
      return encodeWire('exec_received', tsMs, {
        client_order_id: cmd.clientOrderId,
        status: cmd.status,
      });
    default:
      return assertNever(cmd);
  }
}
