import type { TimestampMs } from '../model';

/** Where the engine gets time from: wall time live and in paper, bar time in backtests. */
export interface Clock {
  now(): TimestampMs;
}
