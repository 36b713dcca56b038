// The fills pane's rows: one per `order_filled` while the session runs, and after a reload, rebuilt
// from what the WAL still holds. The journal keeps every fill after its last snapshot; before it,
// the snapshot keeps each order's totals (executed quantity, quote, fees), which become one
// merged row per order. Totals per order always match the engine's.
import type { EngineState } from '../../../engine-core/src/engine';
import type {
  ClientOrderId,
  EngineEvent,
  OrderState,
  StateEvent,
} from '../../../engine-core/src/model';
import type { WalRecord } from '../../../engine-core/src/wal';
import type { PaperFill } from './paper-api';

/** Rows the view keeps (newest last). */
export const MAX_FILLS = 500;

type Filled = Extract<StateEvent, { type: 'order_filled' }>;

/** The row of one fill event, or null for any other event. */
export function fillRow(e: EngineEvent): PaperFill | null {
  if (e.type !== 'order_filled') return null;
  return rowOf(e);
}

const rowOf = (e: Filled): PaperFill => ({
  ts: e.ts,
  clientOrderId: e.clientOrderId,
  side: e.side,
  qty: e.qty,
  price: e.price,
  fee: e.fee,
  liquidity: e.liquidity,
});

/** Below this, a remainder of an order's quantity is float noise from summing fills. */
const QTY_EPSILON = 1e-9;

/**
 * The fills of a recovered account, oldest first, at most `max`: the fill events in `tail` (the
 * records after the snapshot), and for each order whose executed quantity they do not explain,
 * one merged row for the rest (quantity, average price and fee of the fills the snapshot folded
 * in). Merged rows are dated at the order's creation (they happened before its tail fills) and
 * flagged `merged`; their liquidity follows the order type (market and stop orders take).
 */
export function recoveredFills(
  state: Readonly<EngineState>,
  tail: readonly WalRecord[],
  max = MAX_FILLS,
): PaperFill[] {
  const exact: PaperFill[] = [];
  const sums = new Map<ClientOrderId, { qty: number; quote: number; fee: number }>();
  for (const r of tail) {
    if (r.event.type !== 'order_filled') continue;
    const e = r.event;
    exact.push(rowOf(e));
    const s = sums.get(e.clientOrderId) ?? { qty: 0, quote: 0, fee: 0 };
    s.qty += e.qty;
    s.quote += e.qty * e.price;
    s.fee += e.fee;
    sums.set(e.clientOrderId, s);
  }
  const merged: PaperFill[] = [];
  for (const [id, o] of state.orders) {
    const row = mergedRow(id, o, sums.get(id));
    if (row !== null) merged.push(row);
  }
  // A stable sort: merged rows (older) before exact rows of the same time.
  const all = [...merged, ...exact].sort((a, b) => a.ts - b.ts);
  return all.length > max ? all.slice(all.length - max) : all;
}

function mergedRow(
  id: ClientOrderId,
  o: OrderState,
  inTail: { qty: number; quote: number; fee: number } | undefined,
): PaperFill | null {
  const qty = o.executedQty - (inTail?.qty ?? 0);
  if (!(qty > QTY_EPSILON * Math.max(1, o.request.qty))) return null;
  const quote = o.cumQuote - (inTail?.quote ?? 0);
  const type = o.request.type;
  return {
    ts: o.createdTs,
    clientOrderId: id,
    side: o.request.side,
    qty,
    price: quote / qty,
    fee: o.fees - (inTail?.fee ?? 0),
    liquidity: type === 'MARKET' || type === 'STOP' ? 'TAKER' : 'MAKER',
    merged: true,
  };
}

/** Appends `items` to `list` in place, dropping the oldest beyond `max`. */
export function pushCapped<T>(list: T[], items: readonly T[], max: number): void {
  for (const x of items) list.push(x);
  if (list.length > max) list.splice(0, list.length - max);
}
