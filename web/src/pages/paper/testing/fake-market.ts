// The fake paper engine's market: start prices, a random book around the mid, depth bands, and
// the first view. Plain functions; the randomness comes in as `rnd`.
import type { BookDepth } from '../../../../../engine-core/src/market';
import type { BalanceView, Instrument } from '../../../../../engine-core/src/model';
import type { PaperView } from '../../../paper/paper-api';

const round = (x: number, step: number): number => Math.round(x / step) * step;

/** Where each known symbol's fake market starts. */
export const START_PRICE: Readonly<Record<string, number>> = {
  BTCUSDT: 50_000,
  ETHUSDT: 3_000,
  BNBUSDT: 550,
  SOLUSDT: 150,
  XRPUSDT: 0.55,
  DOGEUSDT: 0.12,
  ADAUSDT: 0.45,
  ETHBTC: 0.055,
};

/** The first view: no feed yet. */
export function emptyPaperView(role: 'leader' | 'follower' = 'leader', cash = 10_000): PaperView {
  return {
    status: 'running',
    error: null,
    role,
    feed: null,
    feedStatus: 'idle',
    feedMessage: '',
    quality: null,
    book: { bids: [], asks: [] },
    lastPrice: null,
    candles: [],
    balances: [{ asset: 'USDT', free: cash, locked: 0 } as BalanceView],
    positions: [],
    openOrders: [],
    fills: [],
    log: [],
    equity: cash,
    realizedPnl: 0,
    unrealizedPnl: 0,
    strategy: null,
    durableSeq: 0,
  };
}

/** 20 levels a side around `mid`, on the instrument's tick and lot, sizes from `rnd`. */
export function fakeBook(inst: Instrument, mid: number, rnd: () => number): PaperView['book'] {
  const tick = inst.tickSize;
  const bids: [number, number][] = [];
  const asks: [number, number][] = [];
  let b = round(mid - tick, tick);
  let a = round(mid + tick, tick);
  for (let i = 0; i < 20; i++) {
    const size = (200 + 1800 * rnd()) / mid;
    bids.push([b, round(Math.max(inst.lotSize, size), inst.lotSize)]);
    asks.push([a, round(Math.max(inst.lotSize, size * (0.5 + rnd())), inst.lotSize)]);
    b = round(b - tick * (1 + Math.floor(rnd() * 3)) * Math.max(1, (mid * 1e-5) / tick), tick);
    a = round(a + tick * (1 + Math.floor(rnd() * 3)) * Math.max(1, (mid * 1e-5) / tick), tick);
  }
  return { bids, asks };
}

/** Quantity and notional of a book within ±`bps` of its mid. */
export function depthWithin(bk: PaperView['book'], bps: number): BookDepth {
  const m =
    bk.bids.length && bk.asks.length
      ? ((bk.bids[0]?.[0] ?? 0) + (bk.asks[0]?.[0] ?? 0)) / 2
      : Number.NaN;
  const d: BookDepth = { bps, mid: m, bidQty: 0, askQty: 0, bidNotional: 0, askNotional: 0 };
  for (const [p, q] of bk.bids)
    if (p >= m * (1 - bps / 1e4)) {
      d.bidQty += q;
      d.bidNotional += p * q;
    }
  for (const [p, q] of bk.asks)
    if (p <= m * (1 + bps / 1e4)) {
      d.askQty += q;
      d.askNotional += p * q;
    }
  return d;
}
