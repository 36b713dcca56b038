import { assert } from '../../util';
import { periods, type ReturnMatrix } from './return-matrix';

/** Mean, dispersion and shape of one series. */
export interface SeriesMoments {
  readonly mean: number;
  /** Sample standard deviation (n − 1). */
  readonly stdev: number;
  /** Population skewness m₃ / m₂^1.5 (0 when the series is constant). */
  readonly skew: number;
  /** Population excess kurtosis m₄ / m₂² − 3 (0 when the series is constant). */
  readonly excessKurtosis: number;
}

/** Moments of a series (two passes: the mean first, so small returns lose no digits). */
export function seriesMoments(x: ArrayLike<number>): SeriesMoments {
  const n = x.length;
  assert(n >= 2, 'moments need at least two observations');
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i] as number;
  const mean = sum / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = (x[i] as number) - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  const stdev = Math.sqrt(m2 / (n - 1));
  const pm2 = m2 / n;
  if (pm2 === 0) return { mean, stdev: 0, skew: 0, excessKurtosis: 0 };
  return { mean, stdev, skew: m3 / n / pm2 ** 1.5, excessKurtosis: m4 / n / (pm2 * pm2) - 3 };
}

/** Per-asset mean return. */
export function meanVector(m: ReturnMatrix): Float64Array {
  const n = periods(m);
  const out = new Float64Array(m.columns.length);
  m.columns.forEach((c, i) => {
    let s = 0;
    for (let t = 0; t < n; t++) s += c[t] as number;
    out[i] = s / n;
  });
  return out;
}

/** Sample covariance matrix (n − 1), k × k, row-major. */
export function covarianceMatrix(m: ReturnMatrix): Float64Array {
  const n = periods(m);
  assert(n >= 2, 'a covariance needs at least two periods');
  const k = m.columns.length;
  const mu = meanVector(m);
  const cov = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    const a = m.columns[i] as Float64Array;
    for (let j = 0; j <= i; j++) {
      const b = m.columns[j] as Float64Array;
      let s = 0;
      for (let t = 0; t < n; t++) s += ((a[t] as number) - mu[i]) * ((b[t] as number) - mu[j]);
      cov[i * k + j] = s / (n - 1);
      cov[j * k + i] = s / (n - 1);
    }
  }
  return cov;
}

/** Mean and standard deviation of the P&L wᵀr when r has mean `mean` and covariance `cov`. */
export function linearPnlMoments(
  mean: ArrayLike<number>,
  cov: ArrayLike<number>,
  exposures: ArrayLike<number>,
): { readonly mean: number; readonly stdev: number } {
  const k = exposures.length;
  assert(mean.length === k && cov.length === k * k, 'mean, covariance and exposures disagree');
  let mu = 0;
  let variance = 0;
  for (let i = 0; i < k; i++) {
    const wi = exposures[i] as number;
    mu += wi * (mean[i] as number);
    for (let j = 0; j < k; j++)
      variance += wi * (cov[i * k + j] as number) * (exposures[j] as number);
  }
  return { mean: mu, stdev: Math.sqrt(Math.max(variance, 0)) };
}
