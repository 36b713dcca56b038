// The event log's lines: engine events in words, one line each. Marks and account reports are
// left out (several a second); everything about orders, funds and the kill switch is in.
import type { EngineEvent, OrderRequest } from '../../../engine-core/src/model';
import { assertNever } from '../../../engine-core/src/util/assert';
import type { PaperLogLine } from './paper-api';

/** Lines the view keeps (newest last). */
export const MAX_LOG_LINES = 500;

const num = (x: number): string => (Number.isInteger(x) ? String(x) : String(+x.toPrecision(10)));

function describeRequest(r: OrderRequest): string {
  const flags = [
    r.tif !== 'GTC' ? r.tif : '',
    r.postOnly ? 'post-only' : '',
    r.reduceOnly ? 'reduce-only' : '',
  ].filter((f) => f !== '');
  const price =
    r.type === 'LIMIT'
      ? ` @ ${num(r.price)}`
      : r.type === 'STOP'
        ? ` stop ${num(r.stopPrice)}`
        : r.type === 'STOP_LIMIT'
          ? ` stop ${num(r.stopPrice)} limit ${num(r.price)}`
          : '';
  const tail = flags.length > 0 ? ` (${flags.join(', ')})` : '';
  return `${r.side} ${num(r.qty)} ${r.symbol} ${r.type}${price}${tail}`;
}

/** The log line of an engine event, or null for the events the log leaves out. */
export function logLine(e: EngineEvent): PaperLogLine | null {
  const text = logText(e);
  return text === null ? null : { ts: e.ts, kind: e.type, text };
}

function logText(e: EngineEvent): string | null {
  switch (e.type) {
    case 'funds_deposited':
      return `deposited ${num(e.amount)} ${e.asset}`;
    case 'order_submitted':
      return `${e.request.clientOrderId} submitted: ${describeRequest(e.request)}`;
    case 'order_denied':
      return `${e.request.clientOrderId} denied: ${e.reason}`;
    case 'order_accepted':
      return `${e.clientOrderId} accepted`;
    case 'order_rejected':
      return `${e.clientOrderId} rejected: ${e.reason}`;
    case 'order_triggered':
      return `${e.clientOrderId} triggered`;
    case 'order_filled':
      return `${e.clientOrderId} ${e.status === 'FILLED' ? 'filled' : 'partly filled'}: ${e.side} ${num(e.qty)} @ ${num(e.price)}, fee ${num(e.fee)} ${e.feeAsset} (${e.liquidity.toLowerCase()})`;
    case 'order_cancelled':
      return `${e.clientOrderId} cancelled${e.reason ? `: ${e.reason}` : ''}`;
    case 'order_expired':
      return `${e.clientOrderId} expired: ${e.reason}`;
    case 'kill_switch_tripped':
      return `kill switch tripped: ${e.reason}`;
    case 'duplicate_order_rejected':
      return `${e.request.clientOrderId} refused: ${e.reason}`;
    case 'cancel_rejected':
      return `cancel of ${e.clientOrderId} refused: ${e.reason}`;
    case 'command_failed':
      return `command failed: ${e.message}`;
    case 'market_updated':
    case 'order_reported':
    case 'cancel_ignored':
    case 'orders_reported':
    case 'account_reported':
    case 'position_reported':
    case 'positions_reported':
      return null;
    default:
      return assertNever(e);
  }
}

/** Lines of `events` (those the log keeps), in order. */
export function logLines(events: readonly EngineEvent[]): PaperLogLine[] {
  const out: PaperLogLine[] = [];
  for (const e of events) {
    const l = logLine(e);
    if (l !== null) out.push(l);
  }
  return out;
}
