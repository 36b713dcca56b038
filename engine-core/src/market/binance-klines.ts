import { err, ok, type Result } from '../util/result';
import { parseKlineReply } from './binance-kline-reply';
import {
  type Candles,
  concatCandles,
  emptyCandles,
  lowerBound,
  sliceCandles,
  sliceCandlesByTime,
} from './candles';
import { detectGaps, type Gap } from './gaps';
import { intervalToMs, isKlineInterval } from './intervals';
import type { KlineCache } from './kline-cache';
import {
  cacheCall,
  type DownloadError,
  type KlineRequester,
  type PoliteGetOptions,
  politeRequester,
} from './kline-requester';

/** Bars per request, Binance's maximum. */
export const BINANCE_KLINES_LIMIT = 1000;

/** Options of `downloadKlines` (default budget 1000 a minute, weight 2 a request). */
export interface DownloadKlinesOptions extends PoliteGetOptions {
  /** `BTCUSDT` (upper-cased). */
  readonly symbol: string;
  /** A Binance interval (`1m`, `1h`, `1d`, …). */
  readonly interval: string;
  /** Open times wanted: `[startMs, endMs)`. Bars not closed yet at `now()` are never fetched. */
  readonly startMs: number;
  readonly endMs: number;
  /** Default `https://api.binance.com`. */
  readonly baseUrl?: string;
  readonly cache: KlineCache;
  readonly onProgress?: (progress: DownloadProgress) => void;
}

/** Progress after each page. */
export interface DownloadProgress {
  /** Bars fetched by this run so far. */
  readonly fetchedBars: number;
  /** Estimate of the bars this run has to fetch (the range minus the cache; gaps make it less). */
  readonly expectedBars: number;
  /** Bars of the range that were already cached. */
  readonly cachedBars: number;
  readonly requests: number;
}

/** What a finished download gives. */
export interface DownloadResult {
  /** The bars of `[startMs, endMs)`, from the cache and the exchange. */
  readonly candles: Candles;
  /** Missing bars inside the range (exchange outages): reported, never filled. */
  readonly gaps: readonly Gap[];
  readonly fetchedBars: number;
  readonly cachedBars: number;
  readonly requests: number;
}

/** The klines URL of one request (`endTime` inclusive, as Binance reads it). */
export function klinesUrl(
  baseUrl: string,
  symbol: string,
  interval: string,
  startTime: number,
  endTime: number,
  limit: number = BINANCE_KLINES_LIMIT,
): string {
  const base = baseUrl.replace(/\/+$/, '');
  const q = `symbol=${encodeURIComponent(symbol)}&interval=${encodeURIComponent(interval)}`;
  return `${base}/api/v3/klines?${q}&startTime=${startTime}&endTime=${endTime}&limit=${limit}`;
}

/**
 * Downloads Binance spot klines of `[startMs, endMs)` through `cache`: only what the cache lacks
 * is fetched, 1000 bars a request, and each page is stored as it arrives, so a run cut short
 * (error, crash, abort) resumes where it stopped. The cached series stays contiguous: pages
 * before it are fetched backwards from its first bar, pages after it forwards from its last; a
 * range that neither overlaps nor touches the cached series replaces it. Polite and robust: see
 * `KlineRequester` (weight budget, `Retry-After`, backoff) and `parseKlineReply` (strict reply
 * checks). Never rejects, except when `onProgress` throws.
 */
export async function downloadKlines(
  options: DownloadKlinesOptions,
): Promise<Result<DownloadResult, DownloadError>> {
  const { interval, startMs, endMs, cache } = options;
  const symbol = options.symbol.toUpperCase();
  const bad = (message: string): { ok: false; error: DownloadError } =>
    err({ code: 'bad_request', message });
  if (!isKlineInterval(interval)) return bad(`unknown Binance interval "${interval}"`);
  if (!/^[A-Z0-9]{2,30}$/.test(symbol)) return bad(`bad symbol "${options.symbol}"`);
  if (!Number.isSafeInteger(startMs) || !Number.isSafeInteger(endMs) || startMs >= endMs) {
    return bad(`bad range ${startMs}..${endMs} (integer ms, start < end)`);
  }
  const step = intervalToMs(interval);
  const got = await cacheCall(`get ${symbol} ${interval}`, () => cache.get(symbol, interval));
  if (!got.ok) return got;
  if (got.value !== null && got.value.intervalMs !== step) {
    return err({
      code: 'cache',
      message: `cached ${symbol} ${interval} has a ${got.value.intervalMs} ms step`,
    });
  }
  const run = new DownloadRun(options, symbol, step);
  let base = got.value ?? emptyCandles(symbol, interval, step);
  run.cachedBars = sliceCandlesByTime(base, startMs, endMs).length;
  // Only bars closed at `now` exist for good: open time + step ≤ now.
  const end = Math.min(endMs, options.now() - step + 1);
  let suffix: Candles | null = null;
  if (end > startMs) {
    const first = base.length > 0 ? base.time[0] : Number.NaN;
    const last = base.length > 0 ? base.time[base.length - 1] : Number.NaN;
    const disjoint = base.length === 0 || startMs > last + step || end < first;
    if (disjoint) base = emptyCandles(symbol, interval, step);
    const prefixEnd = disjoint ? startMs : first;
    const suffixFrom = disjoint ? startMs : last + step;
    run.expectedBars = estimateBars(startMs, prefixEnd, step) + estimateBars(suffixFrom, end, step);
    if (!disjoint && startMs < first) {
      const merged = await run.fetchBackward(startMs, base);
      if (!merged.ok) return merged;
      base = merged.value;
    }
    const forward = await run.fetchForward(suffixFrom, end, disjoint);
    if (!forward.ok) return forward;
    suffix = forward.value;
  }
  const series = suffix !== null && suffix.length > 0 ? concatCandles(base, suffix) : base;
  const candles = sliceCandlesByTime(series, startMs, endMs);
  return ok({
    candles,
    gaps: detectGaps(candles.time, step),
    fetchedBars: run.fetchedBars,
    cachedBars: run.cachedBars,
    requests: run.requester.requests,
  });
}

/** Grid points of `step` in `[from, to)`, roughly (progress only). */
function estimateBars(from: number, to: number, step: number): number {
  return to > from ? Math.ceil((to - from) / step) : 0;
}

/** The state of one `downloadKlines` call. */
class DownloadRun {
  readonly requester: KlineRequester;
  fetchedBars = 0;
  cachedBars = 0;
  expectedBars = 0;
  private readonly _o: DownloadKlinesOptions;
  private readonly _symbol: string;
  private readonly _step: number;

  constructor(o: DownloadKlinesOptions, symbol: string, step: number) {
    this._o = o;
    this._symbol = symbol;
    this._step = step;
    this.requester = politeRequester(o, { weightBudget: 1000, requestWeight: 2 });
  }

  /** One request: the closed bars with open time in `[startTime, endTime]` (≤ 1000, in order). */
  async page(startTime: number, endTime: number): Promise<Result<Candles, DownloadError>> {
    const o = this._o;
    const url = klinesUrl(
      o.baseUrl ?? 'https://api.binance.com',
      this._symbol,
      o.interval,
      startTime,
      endTime,
    );
    const body = await this.requester.get(url);
    if (!body.ok) return body;
    const expect = { symbol: this._symbol, intervalMs: this._step, startTime, endTime };
    const page = parseKlineReply(body.value, expect);
    if (!page.ok) return err({ code: 'malformed', message: `GET ${url}: ${page.error}` });
    if (page.value.length > BINANCE_KLINES_LIMIT) {
      return err({ code: 'malformed', message: `GET ${url}: ${page.value.length} klines > limit` });
    }
    const closed = lowerBound(page.value.time, o.now() - this._step + 1);
    return ok(sliceCandles(page.value, 0, closed));
  }

  /**
   * Pages forward from `from` to `to` (exclusive), storing each page: the first one replaces the
   * cached series when `replace`, the others append. Stops at the first short page.
   */
  async fetchForward(
    from: number,
    to: number,
    replace: boolean,
  ): Promise<Result<Candles, DownloadError>> {
    const o = this._o;
    const parts: Candles[] = [];
    let cursor = from;
    while (cursor < to) {
      const page = await this.page(cursor, to - 1);
      if (!page.ok) return page;
      const bars = page.value;
      if (bars.length === 0) break;
      const first = replace && parts.length === 0;
      const stored = await cacheCall(`store ${this._symbol} ${o.interval}`, () =>
        first
          ? o.cache.put(this._symbol, o.interval, bars)
          : o.cache.append(this._symbol, o.interval, bars),
      );
      if (!stored.ok) return stored;
      parts.push(bars);
      this._progress(bars.length);
      if (bars.length < BINANCE_KLINES_LIMIT) break;
      cursor = bars.time[bars.length - 1] + this._step;
    }
    return ok(
      parts.length > 0
        ? concatCandles(...parts)
        : emptyCandles(this._symbol, o.interval, this._step),
    );
  }

  /**
   * Fetches the bars from `start` up to the first bar of `base`, newest page first, so that the
   * stored series stays contiguous after every store. A first request finds the oldest bar at
   * or after `start` (the symbol may be younger than the range). Stores are batched once the
   * series is large (every ⅛ of its size) so that the cost stays linear.
   */
  async fetchBackward(start: number, base: Candles): Promise<Result<Candles, DownloadError>> {
    const o = this._o;
    const step = this._step;
    const store = (series: Candles) =>
      cacheCall(`store ${this._symbol} ${o.interval}`, () =>
        o.cache.put(this._symbol, o.interval, series),
      );
    let series = base;
    const probe = await this.page(start, series.time[0] - 1);
    if (!probe.ok) return probe;
    if (probe.value.length === 0) return ok(series);
    if (probe.value.length < BINANCE_KLINES_LIMIT) {
      series = concatCandles(probe.value, series);
      const stored = await store(series);
      if (!stored.ok) return stored;
      this._progress(probe.value.length);
      return ok(series);
    }
    const oldest = probe.value.time[0];
    let pending: Candles[] = [];
    let pendingRows = 0;
    let hi = series.time[0];
    while (hi > oldest) {
      const lo = Math.max(oldest, hi - BINANCE_KLINES_LIMIT * step);
      const page = await this.page(lo, hi - 1);
      if (!page.ok) return page;
      pending.push(page.value);
      pendingRows += page.value.length;
      hi = lo;
      if (pendingRows >= series.length / 8 || hi <= oldest) {
        series = concatCandles(...pending.reverse(), series);
        const stored = await store(series);
        if (!stored.ok) return stored;
        pending = [];
        pendingRows = 0;
      }
      this._progress(page.value.length);
    }
    return ok(series);
  }

  private _progress(bars: number): void {
    this.fetchedBars += bars;
    this._o.onProgress?.({
      fetchedBars: this.fetchedBars,
      expectedBars: this.expectedBars,
      cachedBars: this.cachedBars,
      requests: this.requester.requests,
    });
  }
}
