// Keeps the adapter under Binance's limits: a request waits rather than exceed a REQUEST_WEIGHT or
// ORDERS window of exchangeInfo's rateLimits (windows aligned to the server clock, like Binance's;
// the used amounts follow the X-MBX-USED-WEIGHT-* / X-MBX-ORDER-COUNT-* headers), and after a
// 429/418 every request waits until Retry-After has passed.
import type { RateLimit } from './parse';

const UNIT_MS = { SECOND: 1000, MINUTE: 60_000, HOUR: 3_600_000, DAY: 86_400_000 } as const;
const UNIT_LETTER = { SECOND: 'S', MINUTE: 'M', HOUR: 'H', DAY: 'D' } as const;

/** Margin past a window end or Retry-After: timers and the clock estimate are only ms-exact. */
const SAFETY_MS = 50;

interface Window {
  readonly kind: 'REQUEST_WEIGHT' | 'ORDERS';
  readonly header: string;
  readonly lengthMs: number;
  readonly limit: number;
  start: number;
  used: number;
}

export class RateLimiter {
  private _windows: Window[] = [];
  private _pausedUntil = 0;

  /** `now` is the server's clock as the adapter estimates it. */
  constructor(
    private readonly _now: () => number,
    private readonly _sleep: (ms: number) => Promise<void>,
  ) {}

  configure(limits: readonly RateLimit[]): void {
    this._windows = limits
      .filter((l) => l.rateLimitType !== 'RAW_REQUESTS')
      .map((l) => {
        const suffix = `${l.intervalNum}${UNIT_LETTER[l.interval]}`;
        const kind = l.rateLimitType as 'REQUEST_WEIGHT' | 'ORDERS';
        return {
          kind,
          header:
            (kind === 'ORDERS' ? 'x-mbx-order-count-' : 'x-mbx-used-weight-') +
            suffix.toLowerCase(),
          lengthMs: UNIT_MS[l.interval] * l.intervalNum,
          limit: l.limit,
          start: -1,
          used: 0,
        };
      });
  }

  /** When requests may go again after a 429/418 (server clock), 0 if not paused. */
  get pausedUntil(): number {
    return this._pausedUntil;
  }

  /** Holds every request until `untilMs` (server clock). */
  pause(untilMs: number): void {
    this._pausedUntil = Math.max(this._pausedUntil, untilMs + SAFETY_MS);
  }

  /** Waits until `weight` (and `orders` new orders) fit in every window, then counts them. */
  async acquire(weight: number, orders: number): Promise<void> {
    for (;;) {
      const now = this._now();
      let wait = this._pausedUntil - now;
      for (const w of this._windows) {
        this._roll(w, now);
        const need = w.kind === 'ORDERS' ? orders : weight;
        // A request heavier than a whole window can never fit: it goes at a window's start.
        const full = need > w.limit ? w.used > 0 : w.used + need > w.limit;
        if (need > 0 && full) wait = Math.max(wait, w.start + w.lengthMs - now + SAFETY_MS);
      }
      if (wait <= 0) break;
      await this._sleep(wait);
    }
    const now = this._now();
    for (const w of this._windows) {
      this._roll(w, now);
      w.used += w.kind === 'ORDERS' ? orders : weight;
    }
  }

  /** Takes the venue's own count from a reply's headers (it may include others' use of the IP). */
  observe(headers: { get(name: string): string | null }): void {
    const now = this._now();
    for (const w of this._windows) {
      const v = Number(headers.get(w.header));
      if (!Number.isFinite(v) || v <= 0) continue;
      this._roll(w, now);
      w.used = Math.max(w.used, v);
    }
  }

  private _roll(w: Window, now: number): void {
    const start = Math.floor(now / w.lengthMs) * w.lengthMs;
    if (start !== w.start) {
      w.start = start;
      w.used = 0;
    }
  }
}
