// Binance's request weights and the fixed-window counters behind X-MBX-USED-WEIGHT-<n><unit> and
// X-MBX-ORDER-COUNT-<n><unit>. Windows are aligned to the server clock, as Binance's are.
import type { RateLimitSpec } from './wire-format';

/** Binance spot's weights of the endpoints the local exchange serves. */
export function requestWeight(method: string, path: string, params: URLSearchParams): number {
  const route = `${method} ${path}`;
  switch (route) {
    case 'GET /api/v3/ping':
    case 'GET /api/v3/time':
    case 'POST /api/v3/order':
    case 'DELETE /api/v3/order':
      return 1;
    case 'GET /api/v3/exchangeInfo':
    case 'GET /api/v3/account':
      return 20;
    case 'GET /api/v3/order':
      return 4;
    case 'GET /api/v3/openOrders':
      return params.get('symbol') ? 6 : 80;
    case 'GET /api/v3/myTrades':
      return params.get('orderId') ? 5 : 20;
    default:
      return 1;
  }
}

const UNIT_MS = { SECOND: 1000, MINUTE: 60_000, DAY: 86_400_000 } as const;
const UNIT_LETTER = { SECOND: 'S', MINUTE: 'M', DAY: 'D' } as const;

/** One fixed-window counter of a rate limit. */
export class WindowCounter {
  private _windowStart = -1;
  private _count = 0;
  readonly lengthMs: number;
  readonly suffix: string;

  constructor(readonly spec: RateLimitSpec) {
    this.lengthMs = UNIT_MS[spec.interval] * spec.intervalNum;
    this.suffix = `${spec.intervalNum}${UNIT_LETTER[spec.interval]}`;
  }

  /** The count in the window that holds `now`. */
  count(now: number): number {
    this._roll(now);
    return this._count;
  }

  add(now: number, n: number): number {
    this._roll(now);
    this._count += n;
    return this._count;
  }

  /** Milliseconds until the current window ends. */
  msLeft(now: number): number {
    this._roll(now);
    return this._windowStart + this.lengthMs - now;
  }

  private _roll(now: number): void {
    const start = Math.floor(now / this.lengthMs) * this.lengthMs;
    if (start !== this._windowStart) {
      this._windowStart = start;
      this._count = 0;
    }
  }
}

/** Binance spot's published limits. */
export const DEFAULT_RATE_LIMITS: readonly RateLimitSpec[] = [
  { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 },
  { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
  { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 200_000 },
  { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61_000 },
];
