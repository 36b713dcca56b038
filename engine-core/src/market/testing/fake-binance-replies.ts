import type { Candles } from '../candles';
import { lowerBound, upperBound } from '../candles';
import type { HttpGet, HttpResponse } from '../http-get';

/** A fault the fakes inject instead of a normal answer. */
export type KlinesFault =
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly retryAfterS?: number;
      readonly body?: string;
    }
  | { readonly kind: 'body'; readonly body: string }
  | { readonly kind: 'drop' };

/** One request a fake saw. */
export interface SeenRequest {
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
}

const json = (
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): HttpResponse => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(value),
});

/** Splits `path?a=1&b=2`. */
export function splitUrl(url: string): SeenRequest {
  const noOrigin = url.replace(/^[a-z]+:\/\/[^/]+/i, '');
  const q = noOrigin.indexOf('?');
  const path = q < 0 ? noOrigin : noOrigin.slice(0, q);
  const query: Record<string, string> = {};
  if (q >= 0) {
    for (const part of noOrigin.slice(q + 1).split('&')) {
      if (part === '') continue;
      const eq = part.indexOf('=');
      const k = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
      query[k] = decodeURIComponent(eq < 0 ? '' : part.slice(eq + 1));
    }
  }
  return { path, query };
}

/**
 * Answers GET /api/v3/klines from `candles` as Binance does (documented 12-field layout, numbers
 * as strings, `startTime`/`endTime` inclusive, `limit` default 500 and at most 1000), with its
 * error replies for a bad symbol, interval or limit. `usedWeight` goes into
 * `X-MBX-USED-WEIGHT-1M`.
 */
export function answerKlines(candles: Candles, url: string, usedWeight: number): HttpResponse {
  const { path, query } = splitUrl(url);
  if (path !== '/api/v3/klines') return json(404, { code: -1, msg: `no route ${path}` });
  const headers = { 'x-mbx-used-weight-1m': String(usedWeight) };
  if (query.symbol !== candles.symbol)
    return json(400, { code: -1121, msg: 'Invalid symbol.' }, headers);
  if (query.interval !== candles.interval) {
    return json(400, { code: -1120, msg: 'Invalid interval.' }, headers);
  }
  const limit = query.limit === undefined ? 500 : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    return json(
      400,
      { code: -1130, msg: `Invalid limit ${query.limit}; the maximum is 1000.` },
      headers,
    );
  }
  const start = query.startTime === undefined ? undefined : Number(query.startTime);
  const end = query.endTime === undefined ? undefined : Number(query.endTime);
  const hi = end === undefined ? candles.length : upperBound(candles.time, end);
  const lo =
    start === undefined ? Math.max(0, hi - limit) : Math.min(hi, lowerBound(candles.time, start));
  const rows: unknown[] = [];
  for (let i = lo; i < Math.min(hi, lo + limit); i++) {
    const t = candles.time[i];
    const v = candles.volume[i];
    rows.push([
      t,
      String(candles.open[i]),
      String(candles.high[i]),
      String(candles.low[i]),
      String(candles.close[i]),
      String(v),
      t + candles.intervalMs - 1,
      String(v * candles.close[i]),
      100,
      String(v / 2),
      String((v * candles.close[i]) / 2),
      '0',
    ]);
  }
  return json(200, rows, headers);
}

/** Options of `createFakeKlinesHttp`. */
export interface FakeKlinesHttpOptions {
  readonly candles: Candles;
  /** The clock for the weight count per minute. */
  readonly now: () => number;
  /** Fault for the request number `n` (0-based), if any. */
  readonly fault?: (n: number, url: string) => KlinesFault | undefined;
  /** Weight charged per request (default 2) and weight used by others (default 0). */
  readonly weight?: number;
  readonly otherWeight?: number;
}

/** An in-memory `HttpGet` that answers like Binance, and the requests it saw. */
export function createFakeKlinesHttp(o: FakeKlinesHttpOptions): {
  readonly http: HttpGet;
  readonly seen: SeenRequest[];
} {
  const seen: SeenRequest[] = [];
  let minute = Number.NaN;
  let used = 0;
  const http: HttpGet = async (url) => {
    const n = seen.length;
    seen.push(splitUrl(url));
    const m = Math.floor(o.now() / 60_000);
    if (m !== minute) {
      minute = m;
      used = o.otherWeight ?? 0;
    }
    used += o.weight ?? 2;
    const fault = o.fault?.(n, url);
    if (fault?.kind === 'drop') throw new Error('socket hang up');
    if (fault?.kind === 'body') return { status: 200, headers: {}, body: fault.body };
    if (fault?.kind === 'status') {
      const headers: Record<string, string> = { 'x-mbx-used-weight-1m': String(used) };
      if (fault.retryAfterS !== undefined) headers['retry-after'] = String(fault.retryAfterS);
      return {
        status: fault.status,
        headers,
        body: fault.body ?? '{"code":-1003,"msg":"Too many requests."}',
      };
    }
    return answerKlines(o.candles, url, used);
  };
  return { http, seen };
}
