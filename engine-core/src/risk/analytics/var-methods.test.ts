import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { historicalVar } from './historical-var';
import { covarianceMatrix, linearPnlMoments, meanVector, seriesMoments } from './moments';
import { monteCarloVar } from './monte-carlo-var';
import { fitPnlModel, parametricVar } from './parametric-var';
import { portfolioPnl, type ReturnMatrix } from './return-matrix';

const matrix = (...cols: number[][]): ReturnMatrix => ({
  columns: cols.map((c) => Float64Array.from(c)),
});

describe('historical VaR', () => {
  it('hand-computed: two assets, one period', () => {
    // P&L per period = 1000 r₁ − 500 r₂: 10−5, −20−10, 30+15, −5+0, 0−20 → losses −5, 30, −45, 5, 20.
    const m = matrix([0.01, -0.02, 0.03, -0.005, 0], [0.01, 0.02, -0.03, 0, 0.04]);
    const r = historicalVar(m, [1000, -500], { confidence: 0.8 });
    // sorted losses −45, −5, 5, 20, 30; ⌈5 × 0.8⌉ = 4 → VaR 20; ES = worst 20 % = 30.
    expect(r.scenarios).toBe(5);
    expect(r.var).toBeCloseTo(20, 9);
    expect(r.es).toBeCloseTo(30, 9);
  });

  it('hand-computed: horizon 2 compounds overlapping windows', () => {
    const m = matrix([0.1, -0.2, 0.05]);
    // windows: 1.1 × 0.8 − 1 = −0.12, 0.8 × 1.05 − 1 = −0.16 → losses 120, 160 on 1000.
    const pnl = portfolioPnl(m, [1000], 2);
    expect(Array.from(pnl)).toEqual([expect.closeTo(-120, 9), expect.closeTo(-160, 9)]);
    const r = historicalVar(m, [1000], { confidence: 0.5, horizon: 2 });
    expect(r.var).toBeCloseTo(120, 9);
    expect(r.es).toBeCloseTo(160, 9);
  });

  it('scales with the exposures and is monotone in confidence (property)', () => {
    const col = fc.array(fc.double({ min: -0.5, max: 0.5, noNaN: true }), {
      minLength: 5,
      maxLength: 60,
    });
    fc.assert(
      fc.property(
        col,
        fc.double({ min: 0.01, max: 1e4, noNaN: true }),
        fc.integer({ min: 1, max: 4 }),
        (c, k, h) => {
          const m = matrix(
            c,
            c.map((x) => -0.5 * x),
          );
          const w = [100, 40];
          const base = historicalVar(m, w, { confidence: 0.9, horizon: h });
          const scaled = historicalVar(m, [k * 100, k * 40], { confidence: 0.9, horizon: h });
          expect(scaled.var).toBeCloseTo(k * base.var, 6);
          expect(scaled.es).toBeCloseTo(k * base.es, 6);
          const higher = historicalVar(m, w, { confidence: 0.97, horizon: h });
          expect(higher.var).toBeGreaterThanOrEqual(base.var);
          expect(base.es).toBeGreaterThanOrEqual(base.var);
        },
      ),
    );
  });
});

describe('parametric VaR', () => {
  it('normal: hand-computed figures and √time', () => {
    // z₀.₉₉ = 2.3263478740, φ(z)/0.01 = 2.6652142203 (R: qnorm, dnorm).
    const r = parametricVar({ kind: 'normal', mean: 0, stdev: 100 }, { confidence: 0.99 });
    expect(r.var).toBeCloseTo(232.63478740408, 8);
    expect(r.es).toBeCloseTo(266.52142203, 6);
    const h4 = parametricVar(
      { kind: 'normal', mean: 1, stdev: 100 },
      { confidence: 0.99, horizon: 4 },
    );
    expect(h4.var).toBeCloseTo(-4 + 2 * 232.63478740408, 8);
    expect(h4.es).toBeCloseTo(-4 + 2 * 266.52142203, 6);
  });

  it('Cornish-Fisher: equals the normal without skew or kurtosis', () => {
    const n = parametricVar({ kind: 'normal', mean: 3, stdev: 50 }, { confidence: 0.975 });
    const cf = parametricVar(
      { kind: 'cornish_fisher', mean: 3, stdev: 50, skew: 0, excessKurtosis: 0 },
      { confidence: 0.975 },
    );
    expect(cf.var).toBeCloseTo(n.var, 10);
    expect(cf.es).toBeCloseTo(n.es, 10);
  });

  it('Cornish-Fisher: ES equals the integral of its own quantile (independent quadrature)', () => {
    const skew = -0.6;
    const kurt = 2.5;
    const alpha = 0.99;
    const cf = (u: number) =>
      parametricVar(
        { kind: 'cornish_fisher', mean: 0, stdev: 1, skew, excessKurtosis: kurt },
        {
          confidence: u,
        },
      ).var;
    // (1/(1−α)) ∫_α^1 VaR_u du by the midpoint rule in u = 1 − (1−α)e^{−t} (the tail gets
    // the points it needs), t ∈ [0, 30]; the rest weighs e^{−30}.
    const steps = 30_000;
    let sum = 0;
    for (let i = 0; i < steps; i++) {
      const t = ((i + 0.5) * 30) / steps;
      sum += cf(1 - (1 - alpha) * Math.exp(-t)) * Math.exp(-t) * (30 / steps);
    }
    const r = parametricVar(
      { kind: 'cornish_fisher', mean: 0, stdev: 1, skew, excessKurtosis: kurt },
      { confidence: alpha },
    );
    expect(r.es).toBeCloseTo(sum, 4);
    // A left-skewed, fat-tailed P&L has a larger loss quantile than the normal.
    expect(r.var).toBeGreaterThan(2.3263478740408408);
  });

  it('fits its model to the observed portfolio P&L', () => {
    const m = matrix([0.01, -0.03, 0.02, 0.005, -0.01], [0.02, 0.01, -0.02, 0, 0.01]);
    const model = fitPnlModel(m, [200, 100], 'cornish_fisher');
    const plain = seriesMoments([4, -5, 2, 1, -1]);
    expect(model).toEqual({
      kind: 'cornish_fisher',
      mean: expect.closeTo(plain.mean, 12),
      stdev: expect.closeTo(plain.stdev, 12),
      skew: expect.closeTo(plain.skew, 12),
      excessKurtosis: expect.closeTo(plain.excessKurtosis, 12),
    });
    // Linear moments from μ and Σ agree with the moments of the P&L series itself.
    const lin = linearPnlMoments(meanVector(m), covarianceMatrix(m), [200, 100]);
    expect(lin.mean).toBeCloseTo(plain.mean, 12);
    expect(lin.stdev).toBeCloseTo(plain.stdev, 12);
  });

  it('ES ≥ VaR, monotone in confidence, scale-invariant (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.double({ min: 0.1, max: 100, noNaN: true }),
        fc.double({ min: 0.5, max: 0.999, noNaN: true }),
        fc.double({ min: 0.5, max: 0.999, noNaN: true }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (mean, stdev, a, b, c) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const r = parametricVar({ kind: 'normal', mean, stdev }, { confidence: lo });
          const rHi = parametricVar({ kind: 'normal', mean, stdev }, { confidence: hi });
          const rc = parametricVar(
            { kind: 'normal', mean: c * mean, stdev: c * stdev },
            { confidence: lo },
          );
          expect(r.es).toBeGreaterThan(r.var);
          expect(rHi.var).toBeGreaterThanOrEqual(r.var);
          expect(rHi.es).toBeGreaterThanOrEqual(r.es);
          expect(rc.var).toBeCloseTo(c * r.var, 6);
        },
      ),
    );
  });
});

describe('Monte Carlo VaR', () => {
  const model = {
    mean: [0.001, 0],
    cov: [0.0004, 0.0001, 0.0001, 0.0009],
    exposures: [1000, -300],
  };

  it('is reproducible by seed and scale-invariant, ES ≥ VaR', () => {
    const a = monteCarloVar(model, { confidence: 0.95, paths: 2000, seed: 7 });
    const b = monteCarloVar(model, { confidence: 0.95, paths: 2000, seed: 7 });
    const c = monteCarloVar(
      { ...model, exposures: [3000, -900] },
      { confidence: 0.95, paths: 2000, seed: 7 },
    );
    expect(a.ok && b.ok && c.ok).toBe(true);
    if (!a.ok || !b.ok || !c.ok) return;
    expect(a.value).toEqual(b.value);
    expect(c.value.var).toBeCloseTo(3 * a.value.var, 9);
    expect(c.value.es).toBeCloseTo(3 * a.value.es, 9);
    expect(a.value.es).toBeGreaterThan(a.value.var);
  });

  it('refuses a matrix that is not a covariance', () => {
    const r = monteCarloVar(
      { ...model, cov: [0.0004, 0.001, 0.001, 0.0009] },
      { confidence: 0.95, paths: 10, seed: 1 },
    );
    expect(r.ok).toBe(false);
  });

  it('takes a semi-definite covariance (two assets that move as one)', () => {
    const r = monteCarloVar(
      { mean: [0, 0], cov: [0.0004, 0.0004, 0.0004, 0.0004], exposures: [500, 500] },
      { confidence: 0.95, paths: 4000, seed: 3 },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // Equal to one asset of 1000 with σ = 2 %: P&L σ = 20, VaR = 20 z₀.₉₅. The quantile's
    // standard error is σ √(α(1−α)/N) / φ(z) = 0.668; allow 4 of them.
    const se = (20 * Math.sqrt((0.95 * 0.05) / 4000)) / 0.10313564037537128;
    expect(Math.abs(r.value.var - 20 * 1.6448536269514729)).toBeLessThan(4 * se);
  });
});
