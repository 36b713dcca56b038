import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { varEsInPlace } from './tail-stats';

/** ES by its definition, (1/(1−α)) ∫_α^1 VaR_u du, integrated plainly on a fine midpoint grid. */
function esByIntegration(losses: number[], alpha: number, steps = 200_000): number {
  const s = [...losses].sort((a, b) => a - b);
  const n = s.length;
  let sum = 0;
  for (let i = 0; i < steps; i++) {
    const u = alpha + ((i + 0.5) * (1 - alpha)) / steps;
    sum += s[Math.ceil(n * u) - 1] as number; // VaR_u = L(⌈nu⌉)
  }
  return sum / steps;
}

const losses = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), {
  minLength: 1,
  maxLength: 200,
});
const confidence = fc.double({ min: 0.5, max: 0.999, noNaN: true });

describe('empirical VaR and ES', () => {
  it('hand-computed: losses 1..10', () => {
    const l = () => Float64Array.from([3, 1, 4, 10, 5, 9, 2, 6, 8, 7]);
    // α = 0.9: ⌈9⌉ = 9th smallest = 9; the worst 10 % is the single loss 10.
    const r90 = varEsInPlace(l(), 0.9);
    expect(r90.var).toBe(9);
    expect(r90.es).toBeCloseTo(10, 12);
    // α = 0.85: VaR = 9th smallest = 9; the worst 1.5 outcomes are 10 and half of 9.
    const r = varEsInPlace(l(), 0.85);
    expect(r.var).toBe(9);
    expect(r.es).toBeCloseTo((10 + 0.5 * 9) / 1.5, 12);
    // α = 0.5: VaR = 5; ES = mean of the worst five = 8.
    const r50 = varEsInPlace(l(), 0.5);
    expect(r50.var).toBe(5);
    expect(r50.es).toBeCloseTo(8, 12);
  });

  it('ES equals the integral of the quantile function (property)', () => {
    fc.assert(
      fc.property(losses, confidence, (l, a) => {
        const r = varEsInPlace(Float64Array.from(l), a);
        const scale = Math.max(1, ...l.map(Math.abs));
        expect(Math.abs(r.es - esByIntegration(l, a, 20_000)) / scale).toBeLessThan(2e-3);
      }),
      { numRuns: 60 },
    );
  });

  it('ES ≥ VaR, both monotone in confidence, positively homogeneous (property)', () => {
    fc.assert(
      fc.property(
        losses,
        confidence,
        confidence,
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (l, a, b, c) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const rLo = varEsInPlace(Float64Array.from(l), lo);
          const rHi = varEsInPlace(Float64Array.from(l), hi);
          // Rounding only: the tail weights (k − nα) of two losses apart by 1e5 leave ~1e-25.
          const tol = 1e-12 * Math.max(1, ...l.map(Math.abs));
          expect(rLo.es).toBeGreaterThanOrEqual(rLo.var - tol);
          expect(rHi.var).toBeGreaterThanOrEqual(rLo.var - tol);
          expect(rHi.es).toBeGreaterThanOrEqual(rLo.es - tol);
          const scaled = varEsInPlace(
            Float64Array.from(l, (x) => c * x),
            lo,
          );
          expect(scaled.var).toBeCloseTo(c * rLo.var, 6);
          expect(scaled.es / c - rLo.es).toBeCloseTo(0, 4);
        },
      ),
    );
  });
});
