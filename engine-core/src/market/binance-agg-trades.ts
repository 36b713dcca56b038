import { err, ok, type Result } from '../util/result';
import { CandleBuilder } from './candle-builder';
import { type Candles, concatCandles, emptyCandles, sliceCandlesByTime } from './candles';
import { detectGaps, type Gap } from './gaps';
import { bucketStart } from './intervals';
import { KlineAggregator } from './kline-aggregator';
import type { KlineCache } from './kline-cache';
import {
  cacheCall,
  type DownloadError,
  type KlineRequester,
  type PoliteGetOptions,
  politeRequester,
} from './kline-requester';

/** Trades per aggTrades request, Binance's maximum. */
export const AGG_TRADES_LIMIT = 1000;
/** Binance accepts startTime..endTime windows shorter than an hour. */
export const AGG_TRADES_WINDOW_MS = 3_600_000;
/** A bar counts as closed this long after its end: its last trades may not be served at once. */
const SETTLE_MS = 10_000;

/**
 * Options of `downloadAggTradeBars` (default budget 3000 a minute, half of Binance's IP limit;
 * weight 4 a request, Binance's).
 */
export interface AggTradeBarsOptions extends PoliteGetOptions {
  readonly symbol: string;
  /** Bar interval name and length (ms). */
  readonly interval: string;
  readonly intervalMs: number;
  /** Bars wanted: open times in `[startMs, endMs)`; bars not closed at `now()` are left out. */
  readonly startMs: number;
  readonly endMs: number;
  /** Default `https://api.binance.com`. */
  readonly baseUrl?: string;
  /**
   * Where the bars built so far are kept (a cache of its own: these bars are not the exchange's
   * klines). Bars after the cached ones are stored after each hour window, so a run cut short
   * resumes there; a range before the cached one is stored once it is complete (stored earlier,
   * the hole between it and the cache would read as a stretch without trades).
   */
  readonly cache?: KlineCache;
  readonly onProgress?: (p: AggTradeProgress) => void;
}

/** Progress after each page. */
export interface AggTradeProgress {
  /** Trades fetched by this run so far. */
  readonly trades: number;
  readonly requests: number;
  /** Time fetched so far out of the time this run has to fetch (the range minus the cache). */
  readonly doneMs: number;
  readonly totalMs: number;
  /** Bars of the range that were already cached. */
  readonly cachedBars: number;
}

/** What a finished download gives. */
export interface AggTradeBarsResult {
  /** The bars of `[startMs, endMs)`, from the cache and the exchange. */
  readonly candles: Candles;
  /** Bar times without a trade: reported, never filled. */
  readonly gaps: readonly Gap[];
  readonly trades: number;
  readonly requests: number;
  readonly cachedBars: number;
  readonly fetchedBars: number;
}

/** One aggregated trade as Binance writes it (`a` id, `p` price, `q` qty, `T` time ms). */
interface AggTrade {
  readonly a: number;
  readonly p: string;
  readonly q: string;
  readonly T: number;
}

/**
 * Checks a reply against Binance's documented layout: an array of at most 1000 trades, in id
 * order, with integer ids and times and decimal strings. The message names the first bad item.
 */
function parsePage(body: string): Result<AggTrade[], string> {
  let v: unknown;
  try {
    v = JSON.parse(body);
  } catch {
    return err(`not JSON: ${JSON.stringify(body.slice(0, 80))}`);
  }
  if (!Array.isArray(v)) return err('not an array of trades');
  if (v.length > AGG_TRADES_LIMIT) return err(`${v.length} trades, more than the limit`);
  let lastId = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < v.length; i++) {
    const o = v[i] as Partial<Record<string, unknown>> | null;
    const at = `trade ${i}`;
    if (typeof o !== 'object' || o === null) return err(`${at} is not an object`);
    if (!Number.isSafeInteger(o.a)) return err(`${at}: id "a" is not an integer`);
    if (!Number.isSafeInteger(o.T)) return err(`${at}: time "T" is not an integer`);
    if (typeof o.p !== 'string' || typeof o.q !== 'string')
      return err(`${at}: price "p" and qty "q" must be strings`);
    if ((o.a as number) <= lastId) return err(`${at}: id ${o.a} is not after ${lastId}`);
    lastId = o.a as number;
  }
  return ok(v as AggTrade[]);
}

/**
 * Bars of `intervalMs` built from Binance spot aggTrades (`GET /api/v3/aggTrades`) for open
 * times in `[startMs, endMs)`. Each hour is asked for by time (Binance's window limit), and a
 * full page continues by `fromId` until the hour is done. Requests go through `KlineRequester`
 * (weight budget, `Retry-After`, backoff, abort). With a `cache`, only the time it lacks is
 * fetched and the bars are stored after each hour, kept contiguous as `downloadKlines` keeps
 * klines: a range before the cached one is fetched and stored in front of it, one after it is
 * appended, a disjoint one replaces it. Whole bars only: the first bar is fetched from its open,
 * and a bar not closed at `now()` (10 s after its end) is left out. Never rejects, except when `onProgress` throws.
 */
export async function downloadAggTradeBars(
  o: AggTradeBarsOptions,
): Promise<Result<AggTradeBarsResult, DownloadError>> {
  const symbol = o.symbol.toUpperCase();
  const step = o.intervalMs;
  const bad = (message: string): { ok: false; error: DownloadError } =>
    err({ code: 'bad_request', message });
  if (!/^[A-Z0-9]{2,30}$/.test(symbol)) return bad(`bad symbol "${o.symbol}"`);
  if (!(Number.isSafeInteger(step) && step >= 1000))
    return bad(`bad interval ${o.interval} (${step} ms): whole seconds, at least 1 s`);
  if (!(Number.isSafeInteger(o.startMs) && Number.isSafeInteger(o.endMs) && o.startMs < o.endMs))
    return bad(`bad range ${o.startMs}..${o.endMs} (integer ms, start < end)`);
  const cache = o.cache;
  let base = emptyCandles(symbol, o.interval, step);
  if (cache !== undefined) {
    const got = await cacheCall(`get ${symbol} ${o.interval}`, () => cache.get(symbol, o.interval));
    if (!got.ok) return got;
    if (got.value !== null && got.value.intervalMs !== step)
      return err({
        code: 'cache',
        message: `cached ${symbol} ${o.interval} has a ${got.value.intervalMs} ms step`,
      });
    if (got.value !== null) base = got.value;
  }
  const run = new TradeRun(o, symbol);
  run.cachedBars = sliceCandlesByTime(base, o.startMs, o.endMs).length;
  // Whole bars: from the open of the first one to the end of the last closed one.
  const from = bucketStart(o.startMs, step);
  const to = Math.min(
    bucketStart(o.endMs - 1, step) + step,
    bucketStart(o.now() - SETTLE_MS, step),
  );
  let series = base;
  if (to > from) {
    const first = base.length > 0 ? (base.time[0] as number) : Number.NaN;
    const end = base.length > 0 ? (base.time[base.length - 1] as number) + step : Number.NaN;
    const disjoint = base.length === 0 || from > end || to < first;
    if (disjoint) {
      run.totalMs = to - from;
      const got = await run.fetch(from, to, 'replace');
      if (!got.ok) return got;
      series = got.value;
    } else {
      run.totalMs = Math.max(0, first - from) + Math.max(0, to - end);
      if (from < first) {
        const prefix = await run.fetch(from, first, 'none');
        if (!prefix.ok) return prefix;
        series = concatCandles(prefix.value, series);
        if (prefix.value.length > 0 && cache !== undefined) {
          const whole = series;
          const stored = await cacheCall(`store ${symbol} ${o.interval}`, () =>
            cache.put(symbol, o.interval, whole),
          );
          if (!stored.ok) return stored;
        }
      }
      if (end < to) {
        const suffix = await run.fetch(end, to, 'append');
        if (!suffix.ok) return suffix;
        series = concatCandles(series, suffix.value);
      }
    }
  }
  const candles = sliceCandlesByTime(series, o.startMs, o.endMs);
  return ok({
    candles,
    gaps: detectGaps(candles.time, step),
    trades: run.trades,
    requests: run.requester.requests,
    cachedBars: run.cachedBars,
    fetchedBars: run.fetchedBars,
  });
}

/** How `TradeRun.fetch` stores what it builds. */
type StoreMode = 'replace' | 'append' | 'none';

/** The state of one `downloadAggTradeBars` call. */
class TradeRun {
  readonly requester: KlineRequester;
  trades = 0;
  cachedBars = 0;
  fetchedBars = 0;
  totalMs = 0;
  private _doneMs = 0;
  private readonly _o: AggTradeBarsOptions;
  private readonly _symbol: string;
  private readonly _base: string;

  constructor(o: AggTradeBarsOptions, symbol: string) {
    this._o = o;
    this._symbol = symbol;
    const root = (o.baseUrl ?? 'https://api.binance.com').replace(/\/+$/, '');
    this._base = `${root}/api/v3/aggTrades?symbol=${symbol}&limit=${AGG_TRADES_LIMIT}`;
    this.requester = politeRequester(o, { weightBudget: 3000, requestWeight: 4 });
  }

  /**
   * The bars of the trades in `[from, to)` (both bar boundaries, so every bar is whole), an
   * hour window at a time. After each window its closed bars are stored per `mode`: `replace`
   * puts the first batch (dropping the old series) and appends the rest.
   */
  async fetch(from: number, to: number, mode: StoreMode): Promise<Result<Candles, DownloadError>> {
    const o = this._o;
    const agg = new KlineAggregator({ intervalMs: o.intervalMs });
    const out = new CandleBuilder();
    const parts: Candles[] = [];
    let replaced = mode !== 'replace';
    for (let w = from; w < to; w += AGG_TRADES_WINDOW_MS) {
      const wEnd = Math.min(w + AGG_TRADES_WINDOW_MS, to);
      const took = await this._window(w, wEnd, agg, out);
      if (!took.ok) return took;
      for (const b of agg.closeUntil(wEnd))
        out.push(b.time, b.open, b.high, b.low, b.close, b.volume);
      if (out.length > 0) {
        const bars = out.build(this._symbol, o.interval, o.intervalMs);
        out.clear();
        parts.push(bars);
        this.fetchedBars += bars.length;
        const cache = o.cache;
        if (mode !== 'none' && cache !== undefined) {
          const put = !replaced;
          replaced = true;
          const stored = await cacheCall(`store ${this._symbol} ${o.interval}`, () =>
            put
              ? cache.put(this._symbol, o.interval, bars)
              : cache.append(this._symbol, o.interval, bars),
          );
          if (!stored.ok) return stored;
        }
      }
      this._doneMs += wEnd - w;
      this._progress();
    }
    return ok(
      parts.length > 0
        ? concatCandles(...parts)
        : emptyCandles(this._symbol, o.interval, o.intervalMs),
    );
  }

  /** Feeds the trades of `[w, wEnd)` to `agg`, page by page; closed bars go to `out`. */
  private async _window(
    w: number,
    wEnd: number,
    agg: KlineAggregator,
    out: CandleBuilder,
  ): Promise<Result<void, DownloadError>> {
    let url = `${this._base}&startTime=${w}&endTime=${wEnd - 1}`;
    let lastId = Number.NEGATIVE_INFINITY;
    for (;;) {
      const body = await this.requester.get(url);
      if (!body.ok) return body;
      const page = parsePage(body.value);
      if (!page.ok) return err({ code: 'malformed', message: `GET ${url}: ${page.error}` });
      for (const t of page.value) {
        if (t.a <= lastId)
          return err({ code: 'malformed', message: `GET ${url}: trade id ${t.a} repeated` });
        lastId = t.a;
        if (t.T >= wEnd) break;
        if (t.T < w) continue;
        const pushed = agg.pushTrade({ time: t.T, price: Number(t.p), qty: Number(t.q) });
        if (!pushed.ok)
          return err({ code: 'malformed', message: `GET ${url}: trade ${t.a}: ${pushed.error}` });
        for (const b of pushed.value) out.push(b.time, b.open, b.high, b.low, b.close, b.volume);
        this.trades++;
      }
      this._progress();
      const last = page.value.at(-1);
      // A full page that ends inside the window has more: continue after its last id.
      if (page.value.length < AGG_TRADES_LIMIT || last === undefined || last.T >= wEnd)
        return ok(undefined);
      url = `${this._base}&fromId=${last.a + 1}`;
    }
  }

  private _progress(): void {
    this._o.onProgress?.({
      trades: this.trades,
      requests: this.requester.requests,
      doneMs: this._doneMs,
      totalMs: this.totalMs,
      cachedBars: this.cachedBars,
    });
  }
}
