import type { Scheduler, TimerHandle } from '../../../engine-core/src/market';

/** Wall time and `setTimeout` (page or worker), as the feeds' `Scheduler`. */
export const browserScheduler: Scheduler = {
  now: () => Date.now(),
  setTimer: (fn, delayMs): TimerHandle => setTimeout(fn, delayMs),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
