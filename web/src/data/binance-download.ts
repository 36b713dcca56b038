import {
  type Candles,
  type DownloadError,
  type DownloadProgress,
  type DownloadResult,
  downloadKlines,
  type HttpGet,
  intervalToMs,
  isKlineInterval,
  type KlineCache,
  type KlineInterval,
} from '../../../engine-core/src/market';
import type { Result } from '../../../engine-core/src/util/result';
import { formatUtcDay, parseUtcDay } from './dataset-format';
import { type DatasetMeta, saveDataset } from './dataset-store';

/** localStorage key of an optional base URL for the klines API (tests point it at a fake). */
export const BINANCE_BASE_URL_KEY = 'veloz-binance-base-url';
/** Binance's public spot API. */
export const DEFAULT_BINANCE_BASE_URL = 'https://api.binance.com';
/** Refused above this many bars: one dataset lives in memory and in one IndexedDB record. */
export const MAX_DOWNLOAD_BARS = 3_000_000;
/** Retries after a network error or a 5xx before giving up (1 + 2 + 4 s of backoff). */
const MAX_RETRIES = 3;

const DAY_MS = 86_400_000;

/** The klines base URL: the localStorage override when it is an http(s) URL, else Binance's. */
export function binanceBaseUrl(
  storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage,
): string {
  let raw: string | null = null;
  try {
    raw = storage?.getItem(BINANCE_BASE_URL_KEY) ?? null;
  } catch {
    // storage blocked (privacy settings): use the default
  }
  const url = raw?.trim() ?? '';
  return /^https?:\/\/[^\s/]+/i.test(url) ? url.replace(/\/+$/, '') : DEFAULT_BINANCE_BASE_URL;
}

/** What the download form holds. */
export interface DownloadForm {
  readonly symbol: string;
  readonly interval: string;
  /** `YYYY-MM-DD`, UTC, inclusive. */
  readonly fromDay: string;
  readonly toDay: string;
}

/** A checked download request. */
export interface DownloadRequest {
  readonly symbol: string;
  readonly interval: KlineInterval;
  /** Open times `[startMs, endMs)`: `fromDay` 00:00 UTC to the end of `toDay`. */
  readonly startMs: number;
  readonly endMs: number;
  /** Closed bars in the range at `now` (an upper bound: exchange outages make fewer). */
  readonly expectedBars: number;
}

/** Checks the form at time `now`; an error says which field and why. */
export function checkDownloadForm(
  form: DownloadForm,
  now: number,
): Result<DownloadRequest, string> {
  const bad = (error: string) => ({ ok: false as const, error });
  const symbol = form.symbol.trim().toUpperCase();
  if (!/^[A-Z0-9]{2,30}$/.test(symbol)) {
    return bad('Symbol: letters and digits only, as Binance writes it (BTCUSDT).');
  }
  const interval = form.interval;
  if (!isKlineInterval(interval)) return bad(`Interval: "${interval}" is not a Binance interval.`);
  const from = parseUtcDay(form.fromDay);
  const to = parseUtcDay(form.toDay);
  if (from === null) return bad('From: pick a date.');
  if (to === null) return bad('To: pick a date.');
  if (to < from) return bad('To is before From.');
  const step = intervalToMs(interval);
  const endMs = to + DAY_MS;
  const lastClosedEnd = Math.min(endMs, now - step + 1);
  if (lastClosedEnd <= from) {
    return bad(`No closed ${interval} bar in that range yet: it starts ${formatUtcDay(from)}.`);
  }
  const expectedBars = Math.ceil((lastClosedEnd - from) / step);
  if (expectedBars > MAX_DOWNLOAD_BARS) {
    return bad(
      `That is ${expectedBars.toLocaleString('en-US')} bars, more than ${MAX_DOWNLOAD_BARS.toLocaleString('en-US')}: pick a shorter range or a longer interval.`,
    );
  }
  return { ok: true, value: { symbol, interval, startMs: from, endMs, expectedBars } };
}

/** What `downloadDataset` needs from its surroundings. */
export interface DownloadDeps {
  readonly http: HttpGet;
  readonly cache: KlineCache;
  readonly baseUrl: string;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: DownloadProgress) => void;
  /** A passing trouble (no reply, HTTP 5xx/429) that will be retried; `null` once it answers. */
  readonly onNotice?: (notice: string | null) => void;
  /** First retry backoff (default 1000 ms). */
  readonly retryBaseMs?: number;
}

/** A finished download, stored as a dataset. */
export interface DownloadedDataset {
  readonly meta: DatasetMeta;
  readonly result: DownloadResult;
}

/**
 * Downloads Binance klines for `req` through the kline cache (pages are stored as they arrive,
 * so a cancelled or failed run resumes where it stopped) and saves them as a dataset.
 */
export async function downloadDataset(
  req: DownloadRequest,
  deps: DownloadDeps,
): Promise<Result<DownloadedDataset, DownloadError>> {
  const got = await downloadKlines({
    symbol: req.symbol,
    interval: req.interval,
    startMs: req.startMs,
    endMs: req.endMs,
    cache: deps.cache,
    ...requestOptions(deps),
    ...(deps.onProgress !== undefined ? { onProgress: deps.onProgress } : {}),
  });
  if (!got.ok) return got;
  const saved = await saveDownload(got.value.candles, req, {
    what: `${req.interval} bars`,
    namePrefix: `${req.symbol} ${req.interval}`,
    note: got.value.gaps.length > 0 ? 'exchange outages: gaps not filled' : null,
  });
  return saved.ok ? { ok: true, value: { meta: saved.value, result: got.value } } : saved;
}

/**
 * Saves downloaded bars as a Binance dataset named by their first and last day; none is a
 * `bad_request` naming the range, a storage failure a `cache` error.
 */
export async function saveDownload(
  candles: Candles,
  req: { readonly symbol: string; readonly startMs: number; readonly endMs: number },
  info: {
    /** What was asked for, in the message when there is none (`1h bars`, `trades`). */
    readonly what: string;
    /** The dataset's name before its first and last day. */
    readonly namePrefix: string;
    readonly note: string | null;
  },
): Promise<Result<DatasetMeta, DownloadError>> {
  if (candles.length === 0) {
    return {
      ok: false,
      error: {
        code: 'bad_request',
        message: `Binance has no ${req.symbol} ${info.what} from ${formatUtcDay(req.startMs)} to ${formatUtcDay(req.endMs - DAY_MS)} (listed later?).`,
      },
    };
  }
  const first = formatUtcDay(candles.time[0] as number);
  const last = formatUtcDay(candles.time[candles.length - 1] as number);
  const name = `${info.namePrefix} ${first} → ${last}`;
  try {
    return {
      ok: true,
      value: await saveDataset(candles, { name, note: info.note, source: 'binance' }),
    };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      error: { code: 'cache', message: `could not save the dataset: ${message}` },
    };
  }
}

/** The page's request settings for a Binance download: its base URL, clock, retries, abort. */
export function requestOptions(deps: Omit<DownloadDeps, 'cache' | 'onProgress'>) {
  return {
    baseUrl: deps.baseUrl,
    http: watchHttp(deps.http, deps.onNotice),
    sleep: deps.sleep,
    now: deps.now,
    maxRetries: MAX_RETRIES,
    retryBaseMs: deps.retryBaseMs ?? 1000,
    ...(deps.signal !== undefined ? { signal: deps.signal } : {}),
  };
}

/** Reports each failed attempt through `onNotice` (the requester retries it). */
function watchHttp(http: HttpGet, onNotice?: (notice: string | null) => void): HttpGet {
  if (onNotice === undefined) return http;
  return async (url, init) => {
    try {
      const reply = await http(url, init);
      if (reply.status >= 500 || reply.status === 429 || reply.status === 418) {
        onNotice(`Binance answered HTTP ${reply.status}; waiting, then retrying…`);
      } else onNotice(null);
      return reply;
    } catch (e) {
      if (init.signal?.aborted !== true) {
        const why = e instanceof Error ? e.message : String(e);
        onNotice(`No reply from ${hostOf(url)} (${why}); retrying…`);
      }
      throw e;
    }
  };
}

const hostOf = (url: string): string => /^[a-z]+:\/\/([^/]+)/i.exec(url)?.[1] ?? url;

/** A download error as the page shows it: what happened in plain words, then the details. */
export function describeDownloadError(e: DownloadError): string {
  switch (e.code) {
    case 'cancelled':
      return 'Download cancelled. The bars fetched so far are cached: Download again resumes.';
    case 'unavailable':
      return `Binance could not be reached (offline, blocked, or down). Try again later; the bars fetched so far are cached. Details: ${e.message}`;
    case 'rate_limited':
      return `Binance is rate-limiting this address. Wait, then try again. Details: ${e.message}`;
    case 'bad_request':
      return `Binance refused the request: ${e.message}`;
    case 'malformed':
      return `Binance's reply was not understood: ${e.message}`;
    case 'cache':
      return `Local storage failed: ${e.message}`;
  }
}
