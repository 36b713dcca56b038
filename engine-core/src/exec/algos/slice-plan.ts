import { mulberry32 } from '../../util';
import type { TwapSpec, VolumeProfile, VwapSpec } from '../algo-spec';

/** Slice times and the cumulative share of the total due after each slice (the last is 1). */
export interface SlicePlan {
  readonly times: Float64Array;
  readonly cum: Float64Array;
  readonly endTs: number;
}

function cumulative(weights: Float64Array): Float64Array {
  let total = 0;
  for (const w of weights) total += w;
  const cum = new Float64Array(weights.length);
  let run = 0;
  for (let i = 0; i < weights.length; i++) {
    run += total > 0 ? (weights[i] as number) / total : 1 / weights.length;
    cum[i] = run;
  }
  cum[cum.length - 1] = 1; // exactly: the last slice is due the whole quantity
  return cum;
}

/**
 * TWAP: slice k at `start + (k + u × timeJitter) × interval` (so it stays in its own interval),
 * weight 1 + (2u − 1) × sizeJitter; the same seed gives the same plan.
 */
export function planTwap(s: TwapSpec): SlicePlan {
  const n = s.slices;
  const interval = s.durationMs / n;
  const rng = mulberry32(s.seed ?? 1);
  const tj = s.timeJitter ?? 0;
  const sj = s.sizeJitter ?? 0;
  const times = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    times[k] = Math.floor(s.startTs + (k + rng() * tj) * interval);
    weights[k] = 1 + (2 * rng() - 1) * sj;
  }
  return { times, cum: cumulative(weights), endTs: s.startTs + s.durationMs };
}

/** Index of the profile bucket holding `t`. */
export const bucketOf = (p: VolumeProfile, t: number): number =>
  Math.floor((((t % p.periodMs) + p.periodMs) % p.periodMs) / p.bucketMs);

/**
 * VWAP: a slice at the start and at every bucket boundary inside the window; each slice weighs
 * its bucket's share × the part of the bucket it covers. A profile with no volume in the window
 * falls back to weights by duration (TWAP).
 */
export function planVwap(s: VwapSpec): SlicePlan {
  const p = s.profile;
  const times: number[] = [s.startTs];
  let b = Math.floor(s.startTs / p.bucketMs + 1) * p.bucketMs;
  for (; b < s.endTs; b += p.bucketMs) times.push(b);
  const weights = new Float64Array(times.length);
  let any = false;
  for (let k = 0; k < times.length; k++) {
    const from = times[k] as number;
    const to = k + 1 < times.length ? (times[k + 1] as number) : s.endTs;
    weights[k] = ((p.shares[bucketOf(p, from)] ?? 0) * (to - from)) / p.bucketMs;
    if (weights[k] > 0) any = true;
  }
  if (!any) {
    for (let k = 0; k < times.length; k++) {
      weights[k] =
        (k + 1 < times.length ? (times[k + 1] as number) : s.endTs) - (times[k] as number);
    }
  }
  return { times: Float64Array.from(times), cum: cumulative(weights), endTs: s.endTs };
}
