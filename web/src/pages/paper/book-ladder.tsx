import {
  type CSSProperties,
  type KeyboardEvent,
  memo,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { formatBps } from './feed-status';

export interface BookLadderProps {
  /** Best first, as `[price, qty]`. */
  readonly bids: readonly (readonly [number, number])[];
  readonly asks: readonly (readonly [number, number])[];
  readonly formatPrice: (x: number) => string;
  readonly formatQty: (x: number) => string;
  /** A price was picked (click, Enter or Space on a row). */
  readonly onPick: (price: number) => void;
  /** Changes when the symbol does: the ladder scrolls back to the spread. */
  readonly resetKey: string;
}

interface LadderRow {
  readonly side: 'ask' | 'bid';
  readonly price: number;
  readonly qty: number;
  readonly cum: number;
}

/** Asks worst to best, then bids best to worst, with running totals from the spread outwards. */
function ladderRows(
  bids: BookLadderProps['bids'],
  asks: BookLadderProps['asks'],
): { rows: LadderRow[]; maxCum: number; firstBid: number } {
  const a: LadderRow[] = [];
  let cum = 0;
  for (const [price, qty] of asks) {
    cum += qty;
    a.push({ side: 'ask', price, qty, cum });
  }
  const maxAsk = cum;
  a.reverse();
  cum = 0;
  const b: LadderRow[] = [];
  for (const [price, qty] of bids) {
    cum += qty;
    b.push({ side: 'bid', price, qty, cum });
  }
  return { rows: [...a, ...b], maxCum: Math.max(maxAsk, cum), firstBid: a.length };
}

/**
 * The order book, top 20 levels per side: price, quantity and running total, a bar for the total.
 * A row is a button that puts its price in the ticket. One tab stop: the arrow keys, Home and End
 * move between rows.
 */
export const BookLadder = memo(function BookLadder({
  bids,
  asks,
  formatPrice,
  formatQty,
  onPick,
  resetKey,
}: BookLadderProps) {
  const { rows, maxCum, firstBid } = ladderRows(bids, asks);
  const [active, setActive] = useState<number | null>(null);
  const bodyRef = useRef<HTMLDivElement | null>(null);
  const spreadRef = useRef<HTMLDivElement | null>(null);
  const centred = useRef<string | null>(null);
  const hasRows = rows.length > 0;

  // Scroll the spread to the middle when the book first fills (and for each new symbol).
  useLayoutEffect(() => {
    if (!hasRows || centred.current === resetKey) return;
    const body = bodyRef.current;
    const spread = spreadRef.current;
    if (body === null || spread === null) return;
    body.scrollTop = spread.offsetTop - body.offsetTop - body.clientHeight / 2;
    centred.current = resetKey;
  }, [hasRows, resetKey]);

  const focusIndex = Math.min(active ?? firstBid, rows.length - 1);
  const move = (e: KeyboardEvent<HTMLDivElement>): void => {
    const last = rows.length - 1;
    const next =
      e.key === 'ArrowDown'
        ? Math.min(last, focusIndex + 1)
        : e.key === 'ArrowUp'
          ? Math.max(0, focusIndex - 1)
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? last
              : null;
    if (next === null) return;
    e.preventDefault();
    setActive(next);
    bodyRef.current?.querySelectorAll<HTMLButtonElement>('button.pp-lrow')[next]?.focus();
  };

  const rowButton = (r: LadderRow, i: number) => (
    <button
      // Rows are levels by distance from the spread: the same row keeps its element.
      key={r.side === 'ask' ? `a${firstBid - i}` : `b${i - firstBid}`}
      type="button"
      className={`pp-lrow ${r.side}`}
      style={{ '--w': `${maxCum > 0 ? (r.cum / maxCum) * 100 : 0}%` } as CSSProperties}
      tabIndex={i === focusIndex ? 0 : -1}
      onClick={() => {
        setActive(i);
        onPick(r.price);
      }}
      aria-label={`${r.side === 'ask' ? 'Ask' : 'Bid'} ${formatPrice(r.price)}, quantity ${formatQty(r.qty)}`}
      data-price={r.price}
    >
      <span className="pp-lprice">{formatPrice(r.price)}</span>
      <span>{formatQty(r.qty)}</span>
      <span className="pp-lcum">{formatQty(r.cum)}</span>
    </button>
  );

  const spread = asks[0] && bids[0] ? asks[0][0] - bids[0][0] : null;
  const mid = asks[0] && bids[0] ? (asks[0][0] + bids[0][0]) / 2 : null;

  return (
    <div className="pp-ladder" data-testid="book-ladder">
      <div className="pp-ladder-head" aria-hidden="true">
        <span>Price</span>
        <span>Qty</span>
        <span>Total</span>
      </div>
      <div
        ref={bodyRef}
        className="pp-ladder-body"
        onKeyDown={move}
        role="toolbar"
        aria-orientation="vertical"
        aria-label="Order book: pick a price for the ticket"
      >
        {rows.slice(0, firstBid).map(rowButton)}
        <div ref={spreadRef} className="pp-spread" data-testid="book-spread">
          {spread === null || mid === null ? (
            <span>One side of the book is empty</span>
          ) : (
            <>
              <span>Spread {formatPrice(spread)}</span>
              <span>{formatBps((spread / mid) * 10_000)}</span>
            </>
          )}
        </div>
        {rows.slice(firstBid).map((r, j) => rowButton(r, firstBid + j))}
      </div>
    </div>
  );
});
