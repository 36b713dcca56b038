import type { BookSideView } from '../../market/book';
import type { Instrument, Side } from '../../model';
import { fmt } from '../../util';
import { floorToStep } from '../child-sizing';
import type { RouteAllocation } from './route-decision';

/** One venue as the allocator sees it. */
export interface RouteVenue {
  readonly venueId: string;
  /** Its filters: lot, min qty, min notional (tick: book prices are on it). */
  readonly inst: Instrument;
  readonly takerBps: number;
  /** The side the order takes from (asks for a buy, bids for a sell), best first. */
  readonly levels: BookSideView;
}

const EPS = 1e-9;

/** A venue's cursor in its book while allocating. */
interface Cursor {
  readonly v: RouteVenue;
  readonly fee: number;
  level: number;
  usedInLevel: number;
  qty: number;
  gross: number;
  worst: number;
  excluded: string | null;
}

interface Chunk {
  qty: number;
  gross: number;
}

/**
 * Splits `qty` across venues by best price after fees. Each venue's visible book is cut into
 * chunks: the whole lots left in its current level (one price), or one lot straddling into the
 * next levels; the chunk with the best net unit price (buy: price × (1 + fee), lowest; sell:
 * price × (1 − fee), highest) is taken, capped to the lots still needed, until the quantity is
 * placed or the books run out. A venue whose share is then under its min qty or min notional
 * is dropped and the whole allocation is made again without it. With one lot size across venues
 * and no min-notional drop this is optimal (per-venue costs are convex in lots); otherwise it is
 * a greedy heuristic. Venues keep their input order in the result.
 */
export function allocateRoute(
  side: Side,
  qty: number,
  venues: readonly RouteVenue[],
): RouteAllocation[] {
  const excluded = new Map<string, string>();
  for (;;) {
    const cursors = greedy(side, qty, venues, excluded);
    let dropped = false;
    for (const c of cursors) {
      if (c.qty <= 0 || c.excluded !== null) continue;
      const why =
        c.qty < c.v.inst.minQty * (1 - EPS)
          ? `min_qty: ${fmt(c.qty)} < ${fmt(c.v.inst.minQty)}`
          : c.gross < c.v.inst.minNotional
            ? `min_notional: ${fmt(c.gross)} < ${fmt(c.v.inst.minNotional)}`
            : null;
      if (why !== null) {
        excluded.set(c.v.venueId, `dropped, ${why}; reallocated`);
        dropped = true;
      }
    }
    if (!dropped) return cursors.map(toAllocation);
  }
}

function greedy(
  side: Side,
  qty: number,
  venues: readonly RouteVenue[],
  excluded: ReadonlyMap<string, string>,
): Cursor[] {
  const cursors: Cursor[] = venues.map((v) => ({
    v,
    fee: v.takerBps / 10_000,
    level: 0,
    usedInLevel: 0,
    qty: 0,
    gross: 0,
    worst: 0,
    excluded: excluded.get(v.venueId) ?? null,
  }));
  const sign = side === 'BUY' ? 1 : -1;
  const chunk: Chunk = { qty: 0, gross: 0 };
  let need = qty;
  while (need > EPS * qty) {
    let best: Cursor | null = null;
    let bestNet = 0;
    let bestQty = 0;
    for (const c of cursors) {
      if (c.excluded !== null || !peek(c, need, chunk)) continue;
      const net = (chunk.gross / chunk.qty) * (1 + sign * c.fee);
      if (best === null || sign * net < sign * bestNet) {
        best = c;
        bestNet = net;
        bestQty = chunk.qty;
      }
    }
    if (best === null) break;
    take(best, bestQty);
    need -= bestQty;
  }
  return cursors;
}

/** The next chunk of a venue (qty capped to the whole lots in `need`); false when there is none. */
function peek(c: Cursor, need: number, out: Chunk): boolean {
  const lv = c.v.levels;
  const lot = c.v.inst.lotSize;
  const cap = lot > 0 ? floorToStep(need, lot) : need;
  if (cap <= 0 || c.level >= lv.count) return false;
  const price = lv.priceAt(c.level);
  const avail = lv.qtyAt(c.level) - c.usedInLevel;
  if (lot <= 0 || avail >= lot * (1 - EPS)) {
    const q = Math.min(cap, lot > 0 ? floorToStep(avail, lot) : avail);
    out.qty = q;
    out.gross = q * price;
    return q > 0;
  }
  // Less than a lot left here: one lot taken across the next levels.
  let left = lot;
  let gross = 0;
  let used = c.usedInLevel;
  for (let i = c.level; i < lv.count && left > EPS * lot; i++) {
    const q = Math.min(left, lv.qtyAt(i) - used);
    gross += q * lv.priceAt(i);
    left -= q;
    used = 0;
  }
  if (left > EPS * lot) return false;
  out.qty = lot;
  out.gross = gross;
  return true;
}

/** Moves a venue's cursor through `qty` of its book. */
function take(c: Cursor, qty: number): void {
  const lv = c.v.levels;
  let left = qty;
  while (left > EPS * qty && c.level < lv.count) {
    const avail = lv.qtyAt(c.level) - c.usedInLevel;
    const q = Math.min(left, avail);
    c.gross += q * lv.priceAt(c.level);
    c.worst = lv.priceAt(c.level);
    left -= q;
    c.usedInLevel += q;
    if (c.usedInLevel >= lv.qtyAt(c.level) * (1 - EPS)) {
      c.level++;
      c.usedInLevel = 0;
    }
  }
  c.qty = c.v.inst.lotSize > 0 ? floorToStep(c.qty + qty, c.v.inst.lotSize) : c.qty + qty;
}

function toAllocation(c: Cursor): RouteAllocation {
  const v = c.v;
  if (c.excluded !== null || c.qty <= 0) {
    const reason =
      c.excluded ??
      (v.levels.count === 0 ? 'no liquidity' : 'not needed: better net prices elsewhere');
    return { venueId: v.venueId, qty: 0, expectedAvgPrice: 0, worstPrice: 0, fee: 0, reason };
  }
  return {
    venueId: v.venueId,
    qty: c.qty,
    expectedAvgPrice: c.gross / c.qty,
    worstPrice: c.worst,
    fee: c.gross * c.fee,
    reason: `best net price: ${c.level + (c.usedInLevel > 0 ? 1 : 0)} level(s) to ${fmt(c.worst)}`,
  };
}
