import { type TimestampMs, timestampMs } from '../model';
import type { Clock } from './clock';

/** A clock that only moves when told to; never backwards. */
export class VirtualClock implements Clock {
  private _now: number;

  constructor(start = 0) {
    this._now = start;
  }

  now(): TimestampMs {
    return timestampMs(this._now);
  }

  /** Moves time to `ts` if it is later than now. */
  advanceTo(ts: number): void {
    if (ts > this._now) this._now = ts;
  }
}
