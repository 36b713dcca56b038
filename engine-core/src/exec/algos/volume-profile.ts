import type { Candles } from '../../market';
import type { VolumeProfile } from '../algo-spec';
import { bucketOf } from './slice-plan';

const DAY_MS = 86_400_000;

/**
 * The average share of a period's volume in each time-of-day bucket, from past candles: for
 * every period (UTC day by default) with volume, each bucket's volume ÷ the period's; then the
 * mean over those periods, normalised to sum to 1. Bars are put in the bucket of their open time.
 */
export function volumeProfile(
  candles: Candles,
  bucketMs: number,
  periodMs: number = DAY_MS,
): VolumeProfile {
  const nb = Math.round(periodMs / bucketMs);
  const p: VolumeProfile = { bucketMs, periodMs, shares: [] };
  const sum = new Float64Array(nb);
  const day = new Float64Array(nb);
  let dayTotal = 0;
  let current = Number.NaN;
  const close = () => {
    if (dayTotal > 0) {
      for (let i = 0; i < nb; i++) sum[i] = (sum[i] as number) + (day[i] as number) / dayTotal;
    }
    day.fill(0);
    dayTotal = 0;
  };
  for (let i = 0; i < candles.length; i++) {
    const t = candles.time[i] as number;
    const period = Math.floor(t / periodMs);
    if (period !== current) {
      close();
      current = period;
    }
    const v = candles.volume[i] as number;
    const b = bucketOf(p, t);
    day[b] = (day[b] as number) + v;
    dayTotal += v;
  }
  close();
  let total = 0;
  for (const x of sum) total += x;
  const shares = Array.from(sum, (x) => (total > 0 ? x / total : 0));
  return { bucketMs, periodMs, shares };
}
