import { err, ok, type Result } from '../util/result';
import { CandleBuilder } from './candle-builder';
import type { Candles } from './candles';
import type { HttpGet } from './http-get';
import { KlineAggregator } from './kline-aggregator';

/** Trades per aggTrades request, Binance's maximum. */
export const AGG_TRADES_LIMIT = 1000;
/** Binance accepts startTime..endTime windows shorter than an hour. */
const WINDOW_MS = 3_600_000;

/** Options of `downloadAggTradeBars`. */
export interface AggTradeBarsOptions {
  readonly symbol: string;
  /** Bar interval name and length (ms). */
  readonly interval: string;
  readonly intervalMs: number;
  /** Trades wanted: `[startMs, endMs)`. */
  readonly startMs: number;
  readonly endMs: number;
  /** Default `https://api.binance.com`. */
  readonly baseUrl?: string;
  readonly http: HttpGet;
  readonly onProgress?: (p: { readonly trades: number; readonly requests: number }) => void;
}

/** One aggregated trade as Binance writes it (`a` id, `p` price, `q` qty, `T` time ms). */
interface AggTrade {
  readonly a: number;
  readonly p: string;
  readonly q: string;
  readonly T: number;
}

function parsePage(body: string): AggTrade[] | null {
  let v: unknown;
  try {
    v = JSON.parse(body);
  } catch {
    return null;
  }
  if (!Array.isArray(v)) return null;
  for (const t of v as unknown[]) {
    const o = t as Partial<Record<string, unknown>>;
    if (typeof o !== 'object' || o === null) return null;
    if (typeof o.a !== 'number' || typeof o.T !== 'number') return null;
    if (typeof o.p !== 'string' || typeof o.q !== 'string') return null;
  }
  return v as AggTrade[];
}

/**
 * Bars of `intervalMs` built from Binance spot aggTrades (`GET /api/v3/aggTrades`) over
 * `[startMs, endMs)`. Each hour is asked for by time (Binance's window limit), and a full page
 * continues by `fromId` until the hour is done. One attempt per request: a non-200 reply or a
 * malformed body is an error naming the URL's path and the status (no retry or cache, unlike
 * klines: trades are for short ranges).
 */
export async function downloadAggTradeBars(
  o: AggTradeBarsOptions,
): Promise<Result<{ candles: Candles; trades: number; requests: number }, string>> {
  const symbol = o.symbol.toUpperCase();
  if (!/^[A-Z0-9]{2,30}$/.test(symbol)) return err(`bad symbol "${o.symbol}"`);
  if (!(Number.isSafeInteger(o.startMs) && Number.isSafeInteger(o.endMs) && o.startMs < o.endMs))
    return err(`bad range ${o.startMs}..${o.endMs} (integer ms, start < end)`);
  const base = `${(o.baseUrl ?? 'https://api.binance.com').replace(/\/+$/, '')}/api/v3/aggTrades?symbol=${symbol}&limit=${AGG_TRADES_LIMIT}`;
  const agg = new KlineAggregator({ intervalMs: o.intervalMs });
  const out = new CandleBuilder();
  let trades = 0;
  let requests = 0;
  const take = (t: AggTrade): string | null => {
    const pushed = agg.pushTrade({ time: t.T, price: Number(t.p), qty: Number(t.q) });
    if (!pushed.ok) return pushed.error;
    for (const b of pushed.value) out.push(b.time, b.open, b.high, b.low, b.close, b.volume);
    trades++;
    return null;
  };
  for (let from = o.startMs; from < o.endMs; from += WINDOW_MS) {
    const to = Math.min(from + WINDOW_MS, o.endMs);
    let url = `${base}&startTime=${from}&endTime=${to - 1}`;
    for (;;) {
      const reply = await o.http(url, { timeoutMs: 30_000 });
      requests++;
      if (reply.status !== 200)
        return err(`aggTrades ${symbol}: HTTP ${reply.status}: ${reply.body.slice(0, 200)}`);
      const page = parsePage(reply.body);
      if (page === null) return err(`aggTrades ${symbol}: malformed reply`);
      for (const t of page) {
        if (t.T >= to) break;
        if (t.T < from) continue;
        const bad = take(t);
        if (bad !== null) return err(`aggTrades ${symbol}: ${bad}`);
      }
      o.onProgress?.({ trades, requests });
      const end = page.at(-1);
      // A full page that ends inside the window has more: continue after its last id.
      if (page.length < AGG_TRADES_LIMIT || end === undefined || end.T >= to) break;
      url = `${base}&fromId=${end.a + 1}`;
    }
  }
  for (const b of agg.closeUntil(Number.POSITIVE_INFINITY))
    out.push(b.time, b.open, b.high, b.low, b.close, b.volume);
  return ok({ candles: out.build(symbol, o.interval, o.intervalMs), trades, requests });
}
