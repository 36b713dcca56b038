import type { ClientOrderId, OrderState } from '../model';

/** What the engine's orders say about one parent's children (`${parentId}.${k}`). */
export interface ChildFigures {
  /** Children placed: every order with the parent's prefix (refused ones too). */
  sent: number;
  /** Highest child number `k` seen. */
  maxSeq: number;
  filled: number;
  /** Σ fill price × qty. */
  cumQuote: number;
  fees: number;
  /** The children still open, oldest first. */
  readonly open: OrderState[];
}

/** The parent part of a child id (`algo-3` of `algo-3.7`) and its number, or null. */
export function splitChildId(id: string): { parent: string; k: number } | null {
  const dot = id.lastIndexOf('.');
  if (dot <= 0) return null;
  const k = Number(id.slice(dot + 1));
  return Number.isInteger(k) && k >= 1 ? { parent: id.slice(0, dot), k } : null;
}

/**
 * Sums the children of each listed parent from the engine's orders (which keep finished ones):
 * exact progress, read from what the WAL journaled, in the orders' insertion (submission) order.
 */
export function childFigures(
  orders: ReadonlyMap<ClientOrderId, OrderState>,
  openOrders: ReadonlySet<ClientOrderId>,
  parents: Iterable<string>,
): Map<string, ChildFigures> {
  const out = new Map<string, ChildFigures>();
  for (const p of parents)
    out.set(p, { sent: 0, maxSeq: 0, filled: 0, cumQuote: 0, fees: 0, open: [] });
  for (const [id, o] of orders) {
    const split = splitChildId(id);
    const f = split === null ? undefined : out.get(split.parent);
    if (f === undefined || split === null) continue;
    f.sent++;
    f.maxSeq = Math.max(f.maxSeq, split.k);
    f.filled += o.executedQty;
    f.cumQuote += o.cumQuote;
    f.fees += o.fees;
    if (openOrders.has(id)) f.open.push(o);
  }
  return out;
}
