import type { EngineCommand } from '../model/commands';
import { limitPrice, stopPrice } from '../model/order';
import { assertNever } from '../util/assert';
import { WireWriter } from './wire-writer';

/** Longest excerpt of a bad input line echoed in an `error` event. */
export const MAX_ERROR_INPUT = 200;

/** Cuts `s` to at most `max` UTF-16 units without splitting a surrogate pair. */
function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  const c = s.charCodeAt(max - 1);
  return s.slice(0, c >= 0xd800 && c <= 0xdbff ? max - 1 : max);
}

/**
 * Writes the `error` event for an input line that could not be used: {message, line, input}
 * with the input cut to 200 characters. `line` and `input` are left out when null.
 */
export function writeError(
  w: WireWriter,
  message: string,
  line: number | null,
  input: string | null,
  tsMs: number | null,
): void {
  w.begin('error', tsMs).str('message', message);
  if (line !== null) w.num('line', line);
  if (input !== null) w.str('input', truncate(input, MAX_ERROR_INPUT));
  w.end();
}

/**
 * Writes the echo of a parsed command: `order_received` (the order's fields),
 * `cancel_received`, `query_received` or `exec_received`; nothing for a `market_tick`, which
 * has no echo.
 */
export function writeReceived(w: WireWriter, cmd: EngineCommand, tsMs: number | null): void {
  switch (cmd.type) {
    case 'submit_order': {
      const r = cmd.request;
      w.begin('order_received', tsMs)
        .str('client_order_id', r.clientOrderId)
        .str('side', r.side)
        .str('symbol', r.symbol)
        .num('qty', r.qty)
        .numOrNull('price', limitPrice(r))
        .str('order_type', r.type)
        .numOrNull('stop', stopPrice(r))
        .str('tif', r.tif)
        .bool('post_only', r.postOnly)
        .bool('reduce_only', r.reduceOnly)
        .end();
      return;
    }
    case 'cancel_order':
      w.begin('cancel_received', tsMs).str('client_order_id', cmd.clientOrderId).end();
      return;
    case 'query':
      w.begin('query_received', tsMs).str('what', cmd.what);
      if (cmd.what === 'order') w.str('client_order_id', cmd.clientOrderId);
      w.end();
      return;
    case 'market_tick':
      return;
    case 'execution_report':
      w.begin('exec_received', tsMs)
        .str('client_order_id', cmd.clientOrderId)
        .str('status', cmd.status)
        .end();
      return;
    default:
      assertNever(cmd);
  }
}

/** The `error` line for a bad input line, as a string (see `writeError`). */
export function encodeError(
  message: string,
  line: number | null,
  input: string | null,
  tsMs: number | null,
): string {
  const w = new WireWriter();
  writeError(w, message, line, input, tsMs);
  return w.takeLines()[0] as string;
}

/** The echo line of a parsed command as a string, or null for a `market_tick` (see `writeReceived`). */
export function encodeReceived(cmd: EngineCommand, tsMs: number | null): string | null {
  const w = new WireWriter();
  writeReceived(w, cmd, tsMs);
  return w.takeLines()[0] ?? null;
}
