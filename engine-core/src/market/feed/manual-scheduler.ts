import type { Scheduler, TimerHandle } from './scheduler';

interface Pending {
  readonly id: number;
  readonly due: number;
  readonly fn: () => void;
}

/**
 * A `Scheduler` on virtual time that moves only when told to (`advance`, `runUntilIdle`): timers
 * fire in due order, ties in the order they were set. For deterministic tests and for replays that
 * run as fast as the machine allows.
 */
export class ManualScheduler implements Scheduler {
  private _now: number;
  private _nextId = 1;
  private _queue: Pending[] = [];

  constructor(start = 0) {
    this._now = start;
  }

  now(): number {
    return this._now;
  }

  setTimer(fn: () => void, delayMs: number): TimerHandle {
    const id = this._nextId++;
    const due = this._now + Math.max(0, delayMs);
    // Insert after every timer due at or before `due` (stable for ties).
    let i = this._queue.length;
    while (i > 0 && (this._queue[i - 1] as Pending).due > due) i--;
    this._queue.splice(i, 0, { id, due, fn });
    return id;
  }

  clearTimer(handle: TimerHandle): void {
    const i = this._queue.findIndex((p) => p.id === handle);
    if (i >= 0) this._queue.splice(i, 1);
  }

  /** Timers waiting to fire. */
  get pending(): number {
    return this._queue.length;
  }

  /** Due time of the next timer, or `NaN` when none is set. */
  nextDue(): number {
    return this._queue.length > 0 ? (this._queue[0] as Pending).due : Number.NaN;
  }

  /** Moves time forward by `ms`, firing every timer that falls due (including ones set meanwhile). */
  advance(ms: number): void {
    this.advanceTo(this._now + ms);
  }

  /** Moves time to `t` (never backwards), firing every timer due at or before it, in order. */
  advanceTo(t: number): void {
    for (;;) {
      const next = this._queue[0];
      if (next === undefined || next.due > t) break;
      this._queue.shift();
      if (next.due > this._now) this._now = next.due;
      next.fn();
    }
    if (t > this._now) this._now = t;
  }

  /** Fires timers until none is left (at most `maxTimers`); returns how many fired. */
  runUntilIdle(maxTimers = 1_000_000): number {
    let fired = 0;
    while (fired < maxTimers) {
      const next = this._queue.shift();
      if (next === undefined) break;
      if (next.due > this._now) this._now = next.due;
      next.fn();
      fired++;
    }
    return fired;
  }
}
