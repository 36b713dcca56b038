const MINUTE = 60_000;

/**
 * Binance's request-weight limit as a budget per UTC minute. It counts the weight it spends
 * and trusts the exchange's own count (`X-MBX-USED-WEIGHT-1M`, which includes other clients on
 * the same IP) when that is higher; before a request it says how long to wait so that the
 * minute's total stays within the budget. A 429/418 `Retry-After` blocks it until then.
 */
export class WeightBudget {
  private readonly _budget: number;
  /** Margin after the minute turns, for clock skew with the exchange. */
  private readonly _marginMs: number;
  private _minute = Number.NaN;
  private _used = 0;
  private _blockedUntil = 0;

  constructor(budgetPerMinute: number, marginMs = 1_000) {
    this._budget = budgetPerMinute;
    this._marginMs = marginMs;
  }

  /** Weight counted in the minute of `now`. */
  used(now: number): number {
    return Math.floor(now / MINUTE) === this._minute ? this._used : 0;
  }

  /** Milliseconds to wait at `now` before a request of `weight`; 0 when it may go now. */
  delayBefore(now: number, weight: number): number {
    if (now < this._blockedUntil) return this._blockedUntil - now;
    if (this.used(now) + weight <= this._budget) return 0;
    return (Math.floor(now / MINUTE) + 1) * MINUTE - now + this._marginMs;
  }

  /** Counts a request of `weight` sent at `now`. */
  spend(now: number, weight: number): void {
    this._roll(now);
    this._used += weight;
  }

  /** Takes in the exchange's count of the minute's weight, seen at `now`. */
  observe(now: number, usedWeight: number): void {
    if (!Number.isFinite(usedWeight) || usedWeight < 0) return;
    this._roll(now);
    if (usedWeight > this._used) this._used = usedWeight;
  }

  /** Refuses every request until `until` (a `Retry-After`). */
  blockUntil(until: number): void {
    if (until > this._blockedUntil) this._blockedUntil = until;
  }

  private _roll(now: number): void {
    const minute = Math.floor(now / MINUTE);
    if (minute !== this._minute) {
      this._minute = minute;
      this._used = 0;
    }
  }
}
