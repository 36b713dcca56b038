import type { Scheduler, TimerHandle } from '../../../engine-core/src/market';

/**
 * Publishes at most once per `everyMs`: `changed()` schedules a publish unless one is pending.
 * `publish` returns false when the view cannot go out now (state not yet durable); the next
 * `changed()` tries again.
 */
export class ViewThrottle {
  private _timer: TimerHandle | null = null;
  private _lastAt = Number.NEGATIVE_INFINITY;
  private _stopped = false;

  constructor(
    private readonly _scheduler: Scheduler,
    private readonly _everyMs: number,
    private readonly _publish: () => boolean,
  ) {}

  changed(): void {
    if (this._timer !== null || this._stopped) return;
    const wait = Math.max(0, this._lastAt + this._everyMs - this._scheduler.now());
    this._timer = this._scheduler.setTimer(() => {
      this._timer = null;
      if (this._publish()) this._lastAt = this._scheduler.now();
    }, wait);
  }

  stop(): void {
    this._stopped = true;
    if (this._timer !== null) this._scheduler.clearTimer(this._timer);
    this._timer = null;
  }
}
