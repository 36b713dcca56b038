import { assert, err, mulberry32, ok, type Result } from '../../util';
import { cholesky } from './cholesky';
import { NormalSampler } from './normal-sampler';
import { type VarEs, varEsInPlace } from './tail-stats';
import { horizonOf, type VarOptions } from './var-options';

/** A multi-asset normal model of one-period simple returns, and the exposures held. */
export interface MonteCarloModel {
  /** Mean simple return per asset per period. */
  readonly mean: ArrayLike<number>;
  /** Covariance of the per-period returns, k × k, row-major. */
  readonly cov: ArrayLike<number>;
  /** Signed value held per asset, in the account currency. */
  readonly exposures: ArrayLike<number>;
}

/** Monte Carlo settings. */
export interface MonteCarloOptions extends VarOptions {
  readonly paths: number;
  /** Seed of the uniform source (mulberry32): the same seed gives the same figures. */
  readonly seed: number;
}

/**
 * Monte Carlo VaR and ES: each path draws `horizon` periods of correlated normal returns
 * (r = μ + L z, L the Cholesky factor of Σ), compounds each asset's value over them, and scores
 * the portfolio's loss; VaR and ES are the empirical figures of the paths' losses. The loop
 * allocates nothing per path (typed buffers, one sampler). Fails when Σ is not a covariance.
 */
export function monteCarloVar(
  model: MonteCarloModel,
  options: MonteCarloOptions,
): Result<VarEs, string> {
  const h = horizonOf(options);
  const k = model.exposures.length;
  assert(model.mean.length === k, `${model.mean.length} means for ${k} assets`);
  assert(Number.isInteger(options.paths) && options.paths >= 1, 'paths must be a whole number ≥ 1');
  const chol = cholesky(model.cov, k);
  if (!chol.ok) return err(chol.error);
  const l = chol.value;
  const mu = Float64Array.from(model.mean);
  const w = Float64Array.from(model.exposures);
  const z = new Float64Array(k);
  const v = new Float64Array(k);
  const losses = new Float64Array(options.paths);
  const normal = new NormalSampler(mulberry32(options.seed));
  let w0 = 0;
  for (let i = 0; i < k; i++) w0 += w[i];
  for (let p = 0; p < options.paths; p++) {
    v.set(w);
    for (let s = 0; s < h; s++) {
      for (let i = 0; i < k; i++) z[i] = normal.next();
      for (let i = 0; i < k; i++) {
        let r = mu[i];
        const row = i * k;
        for (let j = 0; j <= i; j++) r += l[row + j] * z[j];
        v[i] *= 1 + r;
      }
    }
    let end = 0;
    for (let i = 0; i < k; i++) end += v[i];
    losses[p] = w0 - end;
  }
  return ok(varEsInPlace(losses, options.confidence));
}
