// L2 order book and Binance's snapshot + diff synchronisation.

export type { BookSideName, BookSideView } from './book-side';
export {
  BookSync,
  type BookSyncOptions,
  type BookSyncState,
  type DepthDiff,
  type DepthSnapshot,
  type DiffOutcome,
  type SnapshotOutcome,
} from './book-sync';
export { type BookDepth, type BookTop, OrderBook, type OrderBookView } from './order-book';
