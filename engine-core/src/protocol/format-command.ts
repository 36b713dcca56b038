import type { EngineCommand } from '../model/commands';
import type { OrderRequest } from '../model/order';
import { assertNever } from '../util/assert';
import { isSpace } from './tokenize';

/** A number as text that reads back to the same number (the parser reads exponents too). */
const num = (x: number): string => String(x);

/** True when `s` can be a text-form value: non-empty, no whitespace. */
function isTextValue(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) if (isSpace(s.charCodeAt(i))) return false;
  return true;
}

function formatOrder(r: OrderRequest): string {
  const price = r.type === 'LIMIT' || r.type === 'STOP_LIMIT' ? num(r.price) : 'MARKET';
  let line = `ORDER ${r.side} ${r.symbol} ${num(r.qty)} ${price} ${r.clientOrderId}`;
  if (r.type === 'STOP' || r.type === 'STOP_LIMIT')
    line += ` type=${r.type} stop=${num(r.stopPrice)}`;
  if (r.tif !== 'GTC') line += ` tif=${r.tif}`;
  if (r.postOnly) line += ' post_only=1';
  if (r.reduceOnly) line += ' reduce_only=1';
  return line;
}

type ExecReport = Extract<EngineCommand, { type: 'execution_report' }>;

function formatExec(c: ExecReport): string {
  const text = [c.feeAsset, c.venueOrderId, c.reason].every((s) => s === null || isTextValue(s));
  if (!text) {
    return JSON.stringify({
      cmd: 'exec',
      client_order_id: c.clientOrderId,
      status: c.status,
      fill_qty: c.fillQty ?? undefined,
      fill_price: c.fillPrice ?? undefined,
      fee: c.fee ?? undefined,
      fee_asset: c.feeAsset ?? undefined,
      venue_order_id: c.venueOrderId ?? undefined,
      reason: c.reason ?? undefined,
      liquidity: c.liquidity ?? undefined,
    });
  }
  let line = `EXEC ${c.clientOrderId} ${c.status}`;
  if (c.fillQty !== null) line += ` fill_qty=${num(c.fillQty)}`;
  if (c.fillPrice !== null) line += ` fill_price=${num(c.fillPrice)}`;
  if (c.fee !== null) line += ` fee=${num(c.fee)}`;
  if (c.feeAsset !== null) line += ` fee_asset=${c.feeAsset}`;
  if (c.venueOrderId !== null) line += ` venue_order_id=${c.venueOrderId}`;
  if (c.reason !== null) line += ` reason=${c.reason}`;
  if (c.liquidity !== null) line += ` liquidity=${c.liquidity}`;
  return line;
}

/**
 * Writes a command as an engine input line that `parseCommand` reads back to the same command:
 * the text form, or the JSON form for an execution report whose strings hold whitespace or are
 * empty (which text can't carry). For the server and for tests.
 */
export function formatCommand(cmd: EngineCommand): string {
  switch (cmd.type) {
    case 'submit_order':
      return formatOrder(cmd.request);
    case 'cancel_order':
      return `CANCEL ${cmd.clientOrderId}`;
    case 'query':
      return cmd.what === 'order'
        ? `QUERY ORDER ${cmd.clientOrderId}`
        : `QUERY ${cmd.what.toUpperCase()}`;
    case 'market_tick':
      return `MARKET ${cmd.symbol} ${num(cmd.price)}${cmd.ts === null ? '' : ` ${cmd.ts}`}`;
    case 'execution_report':
      return formatExec(cmd);
    default:
      return assertNever(cmd);
  }
}
