// Binance's public stream and REST depth layouts, written from plain values: for the parser tests,
// the fake Binance server (server/src/market/testing) and the benchmarks. Never exported from
// index.ts.

/** Decimal string as Binance sends it (8 decimals). */
export const dec = (x: number): string => x.toFixed(8);

/** Flat `[p0, q0, …]` to Binance's `[["p0", "q0"], …]`. */
export const wireLevels = (flat: readonly number[]): [string, string][] => {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    out.push([dec(flat[i] as number), dec(flat[i + 1] as number)]);
  }
  return out;
};

/** A `depthUpdate` payload. */
export function depthUpdateJson(o: {
  symbol: string;
  eventTime: number;
  U: number;
  u: number;
  bids: readonly number[];
  asks: readonly number[];
}): Record<string, unknown> {
  return {
    e: 'depthUpdate',
    E: o.eventTime,
    s: o.symbol,
    U: o.U,
    u: o.u,
    b: wireLevels(o.bids),
    a: wireLevels(o.asks),
  };
}

/** A `trade` payload; `buyerIsMaker` means the aggressor sold. */
export function tradeJson(o: {
  symbol: string;
  id: number;
  price: number;
  qty: number;
  time: number;
  buyerIsMaker: boolean;
}): Record<string, unknown> {
  return {
    e: 'trade',
    E: o.time + 1,
    s: o.symbol,
    t: o.id,
    p: dec(o.price),
    q: dec(o.qty),
    T: o.time,
    m: o.buyerIsMaker,
    M: true,
  };
}

/** A `bookTicker` payload. */
export function bookTickerJson(o: {
  symbol: string;
  updateId: number;
  bidPrice: number;
  bidQty: number;
  askPrice: number;
  askQty: number;
}): Record<string, unknown> {
  return {
    u: o.updateId,
    s: o.symbol,
    b: dec(o.bidPrice),
    B: dec(o.bidQty),
    a: dec(o.askPrice),
    A: dec(o.askQty),
  };
}

/** A `kline` payload. */
export function klineJson(o: {
  symbol: string;
  eventTime: number;
  interval: string;
  intervalMs: number;
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  closed: boolean;
}): Record<string, unknown> {
  return {
    e: 'kline',
    E: o.eventTime,
    s: o.symbol,
    k: {
      t: o.time,
      T: o.time + o.intervalMs - 1,
      s: o.symbol,
      i: o.interval,
      f: 100,
      L: 200,
      o: dec(o.open),
      c: dec(o.close),
      h: dec(o.high),
      l: dec(o.low),
      v: dec(o.volume),
      n: 101,
      x: o.closed,
      q: dec(o.volume * o.close),
      V: dec(o.volume / 2),
      Q: dec((o.volume / 2) * o.close),
      B: '0',
    },
  };
}

/** The combined-stream envelope. */
export const envelope = (stream: string, data: unknown): string => JSON.stringify({ stream, data });

/** A `GET /api/v3/depth` body. */
export function depthSnapshotJson(
  lastUpdateId: number,
  bids: readonly number[],
  asks: readonly number[],
): string {
  return JSON.stringify({ lastUpdateId, bids: wireLevels(bids), asks: wireLevels(asks) });
}
