// When to restart a crashed engine, and when to give up. Pure: the caller passes the times, so the
// sequence is testable without waiting.

/** Settings of the restart policy. */
export interface RestartPolicyOptions {
  /** Delay before the first restart after a stable run (ms). */
  readonly initialDelayMs: number;
  /** The doubling stops here (ms). */
  readonly maxDelayMs: number;
  /** A child that stayed up this long resets the backoff to `initialDelayMs` (ms). */
  readonly stableMs: number;
  /** This many crashes within `windowMs` stop the supervisor instead of restarting. */
  readonly maxCrashes: number;
  readonly windowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicyOptions = {
  initialDelayMs: 100,
  maxDelayMs: 5_000,
  stableMs: 30_000,
  maxCrashes: 5,
  windowMs: 60_000,
};

/** What to do after a crash. */
export type RestartDecision =
  | { readonly action: 'restart'; readonly delayMs: number; readonly attempt: number }
  | { readonly action: 'give_up'; readonly reason: string };

/**
 * Exponential backoff (initial, ×2, … up to the cap) that resets after a stable run, and a
 * circuit breaker: too many crashes within the window and the engine stays down.
 */
export class RestartPolicy {
  private _attempt = 0;
  private readonly _crashes: number[] = [];

  constructor(private readonly _o: RestartPolicyOptions = DEFAULT_RESTART_POLICY) {}

  /**
   * Records a crash at `nowMs` of a child that had been running since `upSinceMs` (null: it never
   * got as far as `engine_started`), and says whether and when to restart.
   */
  onCrash(nowMs: number, upSinceMs: number | null, exit: string): RestartDecision {
    if (upSinceMs !== null && nowMs - upSinceMs >= this._o.stableMs) this._attempt = 0;
    this._crashes.push(nowMs);
    while ((this._crashes[0] as number) <= nowMs - this._o.windowMs) this._crashes.shift();
    if (this._crashes.length >= this._o.maxCrashes) {
      const secs = this._o.windowMs / 1000;
      return {
        action: 'give_up',
        reason: `engine crashed ${this._crashes.length} times within ${secs} s (last: ${exit})`,
      };
    }
    this._attempt++;
    const delayMs = Math.min(
      this._o.maxDelayMs,
      this._o.initialDelayMs * 2 ** Math.min(this._attempt - 1, 30),
    );
    return { action: 'restart', delayMs, attempt: this._attempt };
  }
}
