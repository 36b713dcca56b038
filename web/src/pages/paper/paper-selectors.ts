// Slices of the paper view for `useViewSlice`: module functions (stable), with the equality each
// slice needs so a pane re-renders only when what it shows changed.
import type { PaperView } from '../../paper/paper-api';
import { sameRows, sameShallow } from './view-slice';

export const selectBook = (v: PaperView): PaperView['book'] => v.book;
export const sameBook = (a: PaperView['book'], b: PaperView['book']): boolean =>
  sameRows(a.bids, b.bids) && sameRows(a.asks, b.asks);

export const selectOrders = (v: PaperView): PaperView['openOrders'] => v.openOrders;
export const selectPositions = (v: PaperView): PaperView['positions'] => v.positions;
export const selectBalances = (v: PaperView): PaperView['balances'] => v.balances;
export const selectFills = (v: PaperView): PaperView['fills'] => v.fills;
export const selectLog = (v: PaperView): PaperView['log'] => v.log;
export const selectQuality = (v: PaperView): PaperView['quality'] => v.quality;
export const selectStrategy = (v: PaperView): PaperView['strategy'] => v.strategy;
export const selectFeed = (v: PaperView): PaperView['feed'] => v.feed;
export { sameRows, sameShallow };

/** The strategy slot compared by value (its spec's params included). */
export const sameStrategy = (a: PaperView['strategy'], b: PaperView['strategy']): boolean =>
  a === b ||
  (a !== null &&
    b !== null &&
    a.running === b.running &&
    a.failure === b.failure &&
    JSON.stringify(a.spec) === JSON.stringify(b.spec));

/** The feed spec compared by value. */
export const sameFeedSpec = (a: PaperView['feed'], b: PaperView['feed']): boolean =>
  sameShallow(a, b);

/** What the header shows about the session and the feed. */
export interface SessionSlice {
  readonly status: PaperView['status'];
  readonly error: string | null;
  readonly role: PaperView['role'];
  readonly feedStatus: PaperView['feedStatus'];
  readonly feedMessage: string;
  readonly hasCandles: boolean;
  readonly hasBook: boolean;
  readonly durableSeq: number;
  /** The candles' interval ('1m' live; the dataset's for a replay). */
  readonly candleInterval: string;
}
export const selectSession = (v: PaperView): SessionSlice => ({
  status: v.status,
  error: v.error,
  role: v.role,
  feedStatus: v.feedStatus,
  feedMessage: v.feedMessage,
  hasCandles: v.candles.length > 0,
  hasBook: v.book.bids.length > 0 || v.book.asks.length > 0,
  durableSeq: v.durableSeq,
  candleInterval: v.candleInterval ?? '1m',
});

export const selectReplay = (v: PaperView): NonNullable<PaperView['replay']> | null =>
  v.replay ?? null;

/** The account figures. */
export interface PnlSlice {
  readonly equity: number;
  readonly realizedPnl: number;
  readonly unrealizedPnl: number;
}
export const selectPnl = (v: PaperView): PnlSlice => ({
  equity: v.equity,
  realizedPnl: v.realizedPnl,
  unrealizedPnl: v.unrealizedPnl,
});

/** What the ticket needs from the market: best prices and the last trade. */
export interface MarketSlice {
  readonly bestBid: number | null;
  readonly bestAsk: number | null;
  readonly last: number | null;
}
export const selectMarket = (v: PaperView): MarketSlice => ({
  bestBid: v.book.bids[0]?.[0] ?? null,
  bestAsk: v.book.asks[0]?.[0] ?? null,
  last: v.lastPrice,
});

/** Tab counts. */
export interface CountsSlice {
  readonly orders: number;
  readonly positions: number;
  readonly fills: number;
}
export const selectCounts = (v: PaperView): CountsSlice => ({
  orders: v.openOrders.length,
  positions: v.positions.filter((p) => p.qty !== 0).length,
  fills: v.fills.length,
});
