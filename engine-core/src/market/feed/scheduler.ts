/** A pending timer of a `Scheduler` (opaque: a number in browsers, an object in Node). */
export type TimerHandle = unknown;

/**
 * Time and timers, injected so that feeds run on wall time in the app and on virtual time in
 * tests and replays (`ManualScheduler`). The browser's and Node's `setTimeout` fit directly.
 */
export interface Scheduler {
  /** Unix ms. */
  now(): number;
  /** Calls `fn` once, after `delayMs` (≥ 0). */
  setTimer(fn: () => void, delayMs: number): TimerHandle;
  /** Cancels a timer that has not fired (no-op otherwise). */
  clearTimer(handle: TimerHandle): void;
}
