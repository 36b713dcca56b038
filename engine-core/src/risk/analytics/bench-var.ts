import { assert } from '../../util';
import { monteCarloVar } from './monte-carlo-var';

/** What `measureMonteCarloVar` is asked. */
export interface MonteCarloBenchOptions {
  readonly assets: number;
  readonly paths: number;
  /** A millisecond clock (performance.now in Node or the browser): the core reads no time itself. */
  readonly now: () => number;
  readonly seed?: number;
}

/** One timed run. */
export interface MonteCarloBenchResult {
  readonly assets: number;
  readonly paths: number;
  readonly ms: number;
  readonly pathsPerSec: number;
  /** The figures computed, so the work cannot be optimized away and can be eyeballed. */
  readonly var99: number;
  readonly es99: number;
}

/**
 * Times one Monte Carlo VaR/ES (99 %, one period) of a portfolio of `assets` with a fixed
 * covariance: vols 2–5 %, pairwise correlation 0.3, 10 000 of exposure per asset, alternately
 * long and short. The time covers the Cholesky factor, the paths and the sort.
 */
export function measureMonteCarloVar(o: MonteCarloBenchOptions): MonteCarloBenchResult {
  const k = o.assets;
  assert(k >= 1 && o.paths >= 1, 'assets and paths must be ≥ 1');
  const vol = Array.from({ length: k }, (_, i) => 0.02 + (0.03 * i) / Math.max(1, k - 1));
  const cov = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) cov[i * k + j] = (i === j ? 1 : 0.3) * vol[i] * vol[j];
  }
  const model = {
    mean: new Float64Array(k),
    cov,
    exposures: Float64Array.from({ length: k }, (_, i) => (i % 2 === 0 ? 10_000 : -10_000)),
  };
  const t0 = o.now();
  const r = monteCarloVar(model, { confidence: 0.99, paths: o.paths, seed: o.seed ?? 1 });
  const ms = o.now() - t0;
  assert(r.ok, 'the bench covariance is positive definite');
  return {
    assets: k,
    paths: o.paths,
    ms,
    pathsPerSec: ms > 0 ? (o.paths / ms) * 1000 : Number.POSITIVE_INFINITY,
    var99: r.value.var,
    es99: r.value.es,
  };
}
