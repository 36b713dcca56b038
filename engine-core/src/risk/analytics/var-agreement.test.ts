// On normal returns the three methods estimate the same VaR and ES. Each comparison allows four
// standard errors of the estimator, derived from the normal model (never tuned): for an
// empirical α-quantile of N draws SE = σ √(α(1−α)/N) / φ(z_α); for the empirical ES
// SE = √(Var((L − q)⁺) / N) / (1 − α), with Var((L − q)⁺) = σ²[(1 + a²)(1 − α) − aφ(a) −
// (φ(a) − a(1 − α))²], a = z_α (the truncated-normal moments). Seeds are fixed, so the
// outcome is reproducible; with 4 SE a fresh seed would fail about once in 16 000.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../util';
import { historicalVar } from './historical-var';
import { linearPnlMoments } from './moments';
import { monteCarloVar } from './monte-carlo-var';
import { normalPdf, normalQuantile } from './normal';
import { fitPnlModel, parametricVar } from './parametric-var';

const SIGMA = [0.02, 0.03, 0.015];
const RHO = 0.5; // between assets 0 and 1; asset 2 is independent
const MEAN = [0.0005, -0.0002, 0.0001];
const EXPOSURES = [10_000, -4_000, 6_000];
const C01 = RHO * SIGMA[0] * SIGMA[1];
const COV = [SIGMA[0] ** 2, C01, 0, C01, SIGMA[1] ** 2, 0, 0, 0, SIGMA[2] ** 2];

/** Standard errors of the empirical VaR and ES of N normal draws with stdev σ. */
function standardErrors(sigma: number, alpha: number, n: number) {
  const a = normalQuantile(alpha);
  const f = normalPdf(a);
  const tailMean = f - a * (1 - alpha);
  const tailVar = (1 + a * a) * (1 - alpha) - a * f - tailMean * tailMean;
  return {
    var: (sigma * Math.sqrt((alpha * (1 - alpha)) / n)) / f,
    es: (sigma * Math.sqrt(tailVar / n)) / (1 - alpha),
  };
}

/**
 * Normal returns drawn plainly, independently of the code under test: Box–Muller written out,
 * and the correlation built by hand (x₁ = σ₁(ρ z₀ + √(1 − ρ²) z₁)) rather than by Cholesky.
 */
function drawReturns(n: number, seed: number): Float64Array[] {
  const rng = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const cols = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  for (let t = 0; t < n; t++) {
    const z0 = gauss();
    const z1 = gauss();
    const z2 = gauss();
    cols[0][t] = MEAN[0] + SIGMA[0] * z0;
    cols[1][t] = MEAN[1] + SIGMA[1] * (RHO * z0 + Math.sqrt(1 - RHO * RHO) * z1);
    cols[2][t] = MEAN[2] + SIGMA[2] * z2;
  }
  return cols;
}

const truth = linearPnlMoments(MEAN, COV, EXPOSURES);

describe('VaR methods agree on normal data', () => {
  for (const alpha of [0.95, 0.99]) {
    it(`Monte Carlo (20 000 paths) vs parametric, α = ${alpha}`, () => {
      const paths = 20_000;
      const p = parametricVar({ kind: 'normal', ...truth }, { confidence: alpha });
      const mc = monteCarloVar(
        { mean: MEAN, cov: COV, exposures: EXPOSURES },
        { confidence: alpha, paths, seed: 11 },
      );
      expect(mc.ok).toBe(true);
      if (!mc.ok) return;
      const se = standardErrors(truth.stdev, alpha, paths);
      expect(Math.abs(mc.value.var - p.var)).toBeLessThan(4 * se.var);
      expect(Math.abs(mc.value.es - p.es)).toBeLessThan(4 * se.es);
    });

    it(`historical (8 000 normal periods) vs parametric, α = ${alpha}`, () => {
      const n = 8_000;
      const returns = { columns: drawReturns(n, 5) };
      const h = historicalVar(returns, EXPOSURES, { confidence: alpha });
      const p = parametricVar({ kind: 'normal', ...truth }, { confidence: alpha });
      const se = standardErrors(truth.stdev, alpha, n);
      expect(h.scenarios).toBe(n);
      expect(Math.abs(h.var - p.var)).toBeLessThan(4 * se.var);
      expect(Math.abs(h.es - p.es)).toBeLessThan(4 * se.es);
      // The model fitted to the same sample: its own SE is σ √((1 + z²/2)/n) for μ̂ + σ̂ z.
      const fitted = parametricVar(fitPnlModel(returns, EXPOSURES, 'normal'), {
        confidence: alpha,
      });
      const z = normalQuantile(alpha);
      const seFit = truth.stdev * Math.sqrt((1 + (z * z) / 2) / n);
      expect(Math.abs(h.var - fitted.var)).toBeLessThan(4 * (se.var + seFit));
    });
  }

  it('Monte Carlo over 10 periods vs parametric √time, with the compounding term', () => {
    // One asset, μ = 0: compounding adds w Σ_{s<t} r_s r_t = w (X² − hσ²)/2 to the P&L
    // (X = Σ r_s); at the loss quantile X = −zσ√h, so the loss is lower by w (z² − 1) hσ²/2.
    // The third-order term is below w (zσ√h)³/6 ≈ 0.2: allowed for as 1.
    const sigma = 0.01;
    const h = 10;
    const w = 10_000;
    const alpha = 0.95;
    const paths = 20_000;
    const z = normalQuantile(alpha);
    const p = parametricVar(
      { kind: 'normal', mean: 0, stdev: w * sigma },
      {
        confidence: alpha,
        horizon: h,
      },
    );
    const expected = p.var - (w * (z * z - 1) * h * sigma * sigma) / 2;
    const mc = monteCarloVar(
      { mean: [0], cov: [sigma * sigma], exposures: [w] },
      { confidence: alpha, horizon: h, paths, seed: 21 },
    );
    expect(mc.ok).toBe(true);
    if (!mc.ok) return;
    const se = standardErrors(w * sigma * Math.sqrt(h), alpha, paths);
    expect(Math.abs(mc.value.var - expected)).toBeLessThan(4 * se.var + 1);
  });
});
