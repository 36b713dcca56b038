import type { Candles } from '../../market';
import { assert } from '../../util';

/** A historical fall: from the close of bar `start` to the lowest close within the window. */
export interface CrashWindow {
  /** What fell (e.g. `BTC`); used in the name. */
  readonly label: string;
  /** Bar indexes in the candles: the start close (the peak) and the trough close. */
  readonly start: number;
  readonly end: number;
  /** Close times (open time + interval), Unix ms. */
  readonly startTime: number;
  readonly endTime: number;
  /** close[end] / close[start] − 1 (negative). */
  readonly move: number;
  /** `2021-05-19 BTC −19.8 % in 24 h`: the UTC date of the trough, the fall, its duration. */
  readonly name: string;
}

/** Options of `worstWindows`. */
export interface WorstWindowsOptions {
  /** Longest fall looked at, ms (24 h = 86 400 000). */
  readonly windowMs: number;
  /** How many windows, worst first; they never overlap. */
  readonly count: number;
  readonly label: string;
}

/**
 * The worst close-to-close falls lasting at most `windowMs`, worst first and non-overlapping.
 * For each start bar the lowest later close within the window comes from a sliding-window
 * minimum (a monotonic deque, O(n)); windows are then taken greedily, worst first, skipping
 * any that share a bar with one already taken. The window is measured in time, so a gap in
 * the data never stretches it.
 */
export function worstWindows(c: Candles, o: WorstWindowsOptions): CrashWindow[] {
  assert(o.windowMs > 0 && o.count >= 0, 'windowMs must be > 0 and count ≥ 0');
  const n = c.length;
  const { time, close } = c;
  const troughOf = new Int32Array(n).fill(-1);
  const deque = new Int32Array(n);
  let head = 0;
  let tail = 0;
  let hi = 0; // next bar to enter the window
  for (let i = 0; i < n; i++) {
    if (hi <= i) hi = i + 1;
    while (hi < n && time[hi] - time[i] <= o.windowMs) {
      while (tail > head && close[deque[tail - 1]] >= close[hi]) tail--;
      deque[tail++] = hi++;
    }
    while (tail > head && deque[head] <= i) head++;
    if (tail > head && close[deque[head]] < close[i]) troughOf[i] = deque[head];
  }
  const starts: number[] = [];
  for (let i = 0; i < n; i++) if (troughOf[i] >= 0) starts.push(i);
  const move = (i: number) => close[troughOf[i]] / close[i] - 1;
  starts.sort((a, b) => move(a) - move(b) || a - b);
  const taken: CrashWindow[] = [];
  for (const i of starts) {
    if (taken.length >= o.count) break;
    const j = troughOf[i];
    if (taken.some((w) => i <= w.end && j >= w.start)) continue;
    const startTime = time[i] + c.intervalMs;
    const endTime = time[j] + c.intervalMs;
    const m = move(i);
    taken.push({
      label: o.label,
      start: i,
      end: j,
      startTime,
      endTime,
      move: m,
      name: `${utcDate(endTime)} ${o.label} −${(-m * 100).toFixed(1)} % in ${duration(endTime - startTime)}`,
    });
  }
  return taken;
}

const utcDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
