import type { HttpGet, HttpResponse } from '../http-get';
import { type KlinesFault, splitUrl } from './fake-binance-replies';

/** One trade served by the fake. */
export interface FakeAggTrade {
  readonly a: number;
  readonly p: string;
  readonly q: string;
  readonly T: number;
}

/**
 * Binance's GET /api/v3/aggTrades as documented, in memory, for tests: `fromId`, or
 * `startTime`+`endTime` (inclusive, window under an hour, else 400), `limit` ≤ 1000, trades in
 * id order; `seen` lists the query strings. `fault(n, url)` may replace the n-th reply (from 0)
 * with an error status, a body, or a dropped connection (the promise rejects).
 */
export function fakeAggTrades(
  trades: readonly FakeAggTrade[],
  fault?: (n: number, url: string) => KlinesFault | undefined,
): { http: HttpGet; seen: string[] } {
  const seen: string[] = [];
  const json = (status: number, body: string): HttpResponse => ({ status, headers: {}, body });
  const http: HttpGet = async (url) => {
    const n = seen.length;
    seen.push(url.slice(url.indexOf('?') + 1));
    const f = fault?.(n, url);
    if (f?.kind === 'drop') throw new Error('socket hang up');
    if (f?.kind === 'body') return json(200, f.body);
    if (f?.kind === 'status') {
      const headers: Record<string, string> =
        f.retryAfterS !== undefined ? { 'retry-after': String(f.retryAfterS) } : {};
      return { status: f.status, headers, body: f.body ?? '{"code":-1000,"msg":"fault"}' };
    }
    const { path, query } = splitUrl(url);
    if (path !== '/api/v3/aggTrades') return json(404, `{"code":-1,"msg":"no route ${path}"}`);
    const q = { get: (k: string): string | null => query[k] ?? null };
    if (q.get('symbol') === 'NOPE') return json(400, '{"code":-1121,"msg":"Invalid symbol."}');
    const limit = Number(q.get('limit') ?? 500);
    if (limit > 1000) return json(400, '{"code":-1100}');
    let list: readonly FakeAggTrade[];
    const fromId = q.get('fromId');
    if (fromId !== null) list = trades.filter((t) => t.a >= Number(fromId));
    else {
      const s = Number(q.get('startTime'));
      const e = Number(q.get('endTime'));
      if (e - s >= 3_600_000) return json(400, '{"code":-1127}');
      list = trades.filter((t) => t.T >= s && t.T <= e);
    }
    return json(200, JSON.stringify(list.slice(0, limit)));
  };
  return { http, seen };
}
