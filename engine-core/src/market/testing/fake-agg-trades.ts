import type { HttpGet } from '../http-get';
import { splitUrl } from './fake-binance-replies';

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
 * id order; `seen` lists the query strings.
 */
export function fakeAggTrades(trades: readonly FakeAggTrade[]): { http: HttpGet; seen: string[] } {
  const seen: string[] = [];
  const http: HttpGet = async (url) => {
    const { query } = splitUrl(url);
    const q = { get: (k: string): string | null => query[k] ?? null };
    seen.push(url.slice(url.indexOf('?') + 1));
    const limit = Number(q.get('limit') ?? 500);
    if (limit > 1000) return { status: 400, headers: {}, body: '{"code":-1100}' };
    let list: readonly FakeAggTrade[];
    const fromId = q.get('fromId');
    if (fromId !== null) list = trades.filter((t) => t.a >= Number(fromId));
    else {
      const s = Number(q.get('startTime'));
      const e = Number(q.get('endTime'));
      if (e - s >= 3_600_000) return { status: 400, headers: {}, body: '{"code":-1127}' };
      list = trades.filter((t) => t.T >= s && t.T <= e);
    }
    return { status: 200, headers: {}, body: JSON.stringify(list.slice(0, limit)) };
  };
  return { http, seen };
}
