/** Statistics of the per-bar returns and of the equity curve, from one pass over it. */
export interface ReturnStats {
  /** Number of returns (= number of bars). */
  readonly count: number;
  /** Mean of `r_t`; 0 when there are no bars. */
  readonly mean: number;
  /** Sample standard deviation of `r_t` (n − 1); 0 when there are fewer than 2 bars. */
  readonly stdev: number;
  /** `√(Σ min(r_t, 0)² / n)`; 0 when there are no bars or no negative return. */
  readonly downsideDeviation: number;
  /** `max_t (peak_t − E_t) / peak_t`, the running peak starting at `E_0`. */
  readonly maxDrawdown: number;
}

/**
 * One pass over the equity curve with no allocation: `r_t = E_t / E_{t−1} − 1` for t = 1..T
 * with `E_0 = initialCash`, so the first bar's return is `equity[0] / initialCash − 1`. Mean and
 * variance use Welford's update (stable for long series of small returns).
 */
export function computeReturnStats(equity: Float64Array, initialCash: number): ReturnStats {
  const n = equity.length;
  let mean = 0;
  let m2 = 0;
  let downSq = 0;
  let prev = initialCash;
  let peak = initialCash;
  let maxDrawdown = 0;
  for (let t = 0; t < n; t++) {
    const e = equity[t];
    const r = e / prev - 1;
    const delta = r - mean;
    mean += delta / (t + 1);
    m2 += delta * (r - mean);
    if (r < 0) downSq += r * r;
    if (e > peak) peak = e;
    const dd = (peak - e) / peak;
    if (dd > maxDrawdown) maxDrawdown = dd;
    prev = e;
  }
  return {
    count: n,
    mean,
    stdev: n > 1 ? Math.sqrt(Math.max(m2, 0) / (n - 1)) : 0,
    downsideDeviation: n > 0 ? Math.sqrt(downSq / n) : 0,
    maxDrawdown,
  };
}
