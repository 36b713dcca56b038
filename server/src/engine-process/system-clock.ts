import { type Clock, type TimestampMs, timestampMs } from '../../../engine-core/src';

/** Wall-clock time in ms that never goes backwards (NTP steps are absorbed). */
export class SystemClock implements Clock {
  private _last = 0;

  now(): TimestampMs {
    const t = Date.now();
    if (t > this._last) this._last = t;
    return timestampMs(this._last);
  }
}
