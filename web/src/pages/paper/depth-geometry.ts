// The depth chart's numbers: cumulative quantity per side from the best level outwards, on a
// price axis centred on the mid, and the step outline each side is filled from.

/** One side's levels with their running totals, best first. */
export interface DepthSide {
  readonly prices: readonly number[];
  /** Σ qty from the best level to this one, inclusive. */
  readonly cum: readonly number[];
}

/** What the depth chart draws. */
export interface DepthCurve {
  readonly bids: DepthSide;
  readonly asks: DepthSide;
  /** (best bid + best ask) / 2, or the best price of the only side. */
  readonly mid: number;
  /** The price axis: centred on the mid, wide enough for the farther side's last level. */
  readonly lo: number;
  readonly hi: number;
  /** The larger side's total (the top of the y axis). */
  readonly maxCum: number;
}

function side(levels: readonly (readonly [number, number])[]): DepthSide {
  const prices: number[] = new Array(levels.length);
  const cum: number[] = new Array(levels.length);
  let total = 0;
  for (let i = 0; i < levels.length; i++) {
    const [p, q] = levels[i] as readonly [number, number];
    total += q;
    prices[i] = p;
    cum[i] = total;
  }
  return { prices, cum };
}

/** The curve of a book (levels best first, as `[price, qty]`); null when both sides are empty. */
export function depthCurve(
  bids: readonly (readonly [number, number])[],
  asks: readonly (readonly [number, number])[],
): DepthCurve | null {
  if (bids.length === 0 && asks.length === 0) return null;
  const b = side(bids);
  const a = side(asks);
  const bestBid = b.prices[0];
  const bestAsk = a.prices[0];
  const mid =
    bestBid !== undefined && bestAsk !== undefined
      ? (bestBid + bestAsk) / 2
      : ((bestBid ?? bestAsk) as number);
  const farBid = b.prices[b.prices.length - 1] ?? mid;
  const farAsk = a.prices[a.prices.length - 1] ?? mid;
  // Never zero wide (a single level on each side at the mid).
  const half = Math.max(mid - farBid, farAsk - mid, Math.abs(mid) * 1e-6, 1e-12);
  const maxCum = Math.max(b.cum[b.cum.length - 1] ?? 0, a.cum[a.cum.length - 1] ?? 0);
  return { bids: b, asks: a, mid, lo: mid - half, hi: mid + half, maxCum };
}

/**
 * The outline of one side as `[price, cum]` points, from the best price on the zero line out to
 * the axis edge: a step at each level (the total holds until the next level adds to it).
 */
export function stepOutline(s: DepthSide, edge: number): [number, number][] {
  const n = s.prices.length;
  if (n === 0) return [];
  const out: [number, number][] = [[s.prices[0] as number, 0]];
  for (let i = 0; i < n; i++) {
    const p = s.prices[i] as number;
    if (i > 0) out.push([p, s.cum[i - 1] as number]);
    out.push([p, s.cum[i] as number]);
  }
  out.push([edge, s.cum[n - 1] as number], [edge, 0]);
  return out;
}

/**
 * The cumulative quantity at `price`: on the bid side (at or below the best bid), every bid at or
 * above it; on the ask side, every ask at or below it; 0 inside the spread.
 */
export function depthAt(c: DepthCurve, price: number): { side: 'bid' | 'ask' | null; cum: number } {
  const b = c.bids;
  if (b.prices.length > 0 && price <= (b.prices[0] as number)) {
    let cum = 0;
    for (let i = 0; i < b.prices.length && (b.prices[i] as number) >= price; i++)
      cum = b.cum[i] as number;
    return { side: 'bid', cum };
  }
  const a = c.asks;
  if (a.prices.length > 0 && price >= (a.prices[0] as number)) {
    let cum = 0;
    for (let i = 0; i < a.prices.length && (a.prices[i] as number) <= price; i++)
      cum = a.cum[i] as number;
    return { side: 'ask', cum };
  }
  return { side: null, cum: 0 };
}
