import type { Scheduler, TimerHandle } from '../../../engine-core/src';

/** Wall time and `setTimeout`, as the feeds' `Scheduler`. */
export const systemScheduler: Scheduler = {
  now: () => Date.now(),
  setTimer: (fn, delayMs): TimerHandle => setTimeout(fn, delayMs),
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
