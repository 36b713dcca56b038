import {
  type AggTradeBarsResult,
  type AggTradeProgress,
  type DownloadError,
  downloadAggTradeBars,
  intervalToMs,
  type KlineCache,
} from '../../../engine-core/src/market';
import type { Result } from '../../../engine-core/src/util/result';
import {
  checkDownloadForm,
  type DownloadDeps,
  type DownloadForm,
  requestOptions,
  saveDownload,
} from './binance-download';
import type { DatasetMeta } from './dataset-store';
import { IdbKlineCache } from './idb-kline-cache';

/**
 * Longest range of trades the page downloads: a busy pair trades over a million times a day,
 * one request per 1 000 trades, so a month is already hours of polite requests.
 */
export const MAX_TRADE_DOWNLOAD_DAYS = 31;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** A checked trades download: bars of `interval` made from aggTrades over `[startMs, endMs)`. */
export interface TradeDownloadRequest {
  readonly symbol: string;
  readonly interval: string;
  readonly intervalMs: number;
  readonly startMs: number;
  readonly endMs: number;
  /** Hour windows to ask for: the fewest requests (a busy hour takes one per 1 000 trades). */
  readonly windows: number;
}

/** Checks the form for a trades download at time `now`; an error names the field. */
export function checkTradeDownloadForm(
  form: DownloadForm,
  now: number,
): Result<TradeDownloadRequest, string> {
  const kline = checkDownloadForm(form, now);
  if (!kline.ok) return kline;
  const { symbol, interval, startMs, endMs } = kline.value;
  const days = Math.round((endMs - startMs) / DAY_MS);
  if (days > MAX_TRADE_DOWNLOAD_DAYS) {
    return {
      ok: false,
      error: `Trades: ${days} days is more than ${MAX_TRADE_DOWNLOAD_DAYS}; a busy pair trades millions of times a day. Pick a shorter range, or download klines.`,
    };
  }
  const fetchEnd = Math.min(endMs, now);
  const windows = Math.ceil((fetchEnd - startMs) / HOUR_MS);
  return {
    ok: true,
    value: { symbol, interval, intervalMs: intervalToMs(interval), startMs, endMs, windows },
  };
}

/** What `downloadTradeDataset` needs: as for klines, with its own cache and progress. */
export interface TradeDownloadDeps extends Omit<DownloadDeps, 'onProgress' | 'cache'> {
  /** Bars made from trades, apart from the klines (they are not the exchange's bars). */
  readonly cache: KlineCache;
  readonly onProgress?: (p: AggTradeProgress) => void;
}

/** A finished trades download, stored as a dataset. */
export interface DownloadedTradeDataset {
  readonly meta: DatasetMeta;
  readonly result: AggTradeBarsResult;
}

let tradeCache: IdbKlineCache | null = null;

/** The app's cache of bars made from trades (IndexedDB `veloz-agg-trade-bars`). */
export function sharedTradeBarCache(): IdbKlineCache {
  tradeCache ??= new IdbKlineCache('veloz-agg-trade-bars');
  return tradeCache;
}

/**
 * Downloads Binance aggTrades for `req`, makes them into bars through the trade-bar cache (an
 * hour at a time, so a cancelled or failed run resumes where it stopped) and saves a dataset.
 */
export async function downloadTradeDataset(
  req: TradeDownloadRequest,
  deps: TradeDownloadDeps,
): Promise<Result<DownloadedTradeDataset, DownloadError>> {
  const got = await downloadAggTradeBars({
    symbol: req.symbol,
    interval: req.interval,
    intervalMs: req.intervalMs,
    startMs: req.startMs,
    endMs: req.endMs,
    cache: deps.cache,
    ...requestOptions(deps),
    ...(deps.onProgress !== undefined ? { onProgress: deps.onProgress } : {}),
  });
  if (!got.ok) return got;
  const gaps = got.value.gaps.length;
  const saved = await saveDownload(got.value.candles, req, {
    what: 'trades',
    namePrefix: `${req.symbol} ${req.interval} from trades`,
    note: `bars made from aggTrades${gaps > 0 ? '; intervals without a trade are gaps, not filled' : ''}`,
  });
  return saved.ok ? { ok: true, value: { meta: saved.value, result: got.value } } : saved;
}
