import type { SymbolId } from '../../model';
import type { MarketUpdate } from '../../venue/market-feed';
import { OrderBook, type OrderBookView } from '../book/order-book';

/**
 * Keeps one order book per symbol from the depth updates of any feed (live or replayed): a
 * `reset` update loads the whole book, the others apply their levels. A book is readable from its
 * first reset until a `gap`, `crossed` or `disconnected` status for it (or for the connection),
 * and again from the next reset. What the paper venue and the quality metrics read.
 */
export class BookTracker {
  private readonly _books = new Map<SymbolId, OrderBook>();
  private readonly _valid = new Set<SymbolId>();

  /** Takes one update; those that are not depth or status are ignored. */
  onUpdate(u: MarketUpdate): void {
    if (u.kind === 'depth') {
      let book = this._books.get(u.symbol);
      if (u.reset) {
        if (book === undefined) {
          book = new OrderBook(u.symbol, 1024);
          this._books.set(u.symbol, book);
        }
        book.load(u.bids, u.asks, u.lastUpdateId);
        this._valid.add(u.symbol);
      } else if (book !== undefined && this._valid.has(u.symbol)) {
        book.applyLevels(u.bids, u.asks);
        book.updateId = u.lastUpdateId;
      }
      return;
    }
    if (
      u.kind === 'status' &&
      (u.status === 'gap' || u.status === 'crossed' || u.status === 'disconnected')
    ) {
      if (u.symbol === null) this._valid.clear();
      else this._valid.delete(u.symbol);
    }
  }

  /** The book of `symbol`, or null while none is valid. Updated in place. */
  book(symbol: SymbolId): OrderBookView | null {
    return this._valid.has(symbol) ? (this._books.get(symbol) ?? null) : null;
  }
}
