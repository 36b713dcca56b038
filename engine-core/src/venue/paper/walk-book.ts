import type { BookSideView } from '../../market/book';

/** One level taken by an order walking the book. */
export interface BookFill {
  readonly price: number;
  readonly qty: number;
}

/**
 * Takes up to `qty` from one side of the book, best level first, at each level's price and
 * displayed quantity, never past `limit` (a buy stops above it, a sell below it). Appends the
 * fills to `out`; returns the quantity left unfilled.
 */
export function walkBook(
  side: BookSideView,
  taker: 'BUY' | 'SELL',
  qty: number,
  limit: number,
  out: BookFill[],
): number {
  let left = qty;
  for (let i = 0; i < side.count && left > 0; i++) {
    const price = side.priceAt(i);
    if (taker === 'BUY' ? price > limit : price < limit) break;
    const take = Math.min(left, side.qtyAt(i));
    if (take <= 0) continue;
    out.push({ price, qty: take });
    left -= take;
  }
  return left;
}
