import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalCdf, normalPdf, normalQuantile } from './normal';

// Reference values: R 4.x (pnorm, qnorm, dnorm), printed with 17 significant digits.
describe('normal distribution', () => {
  it('matches reference values of Φ, φ and Φ⁻¹', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1)).toBeCloseTo(0.84134474606854293, 14);
    expect(normalCdf(-2)).toBeCloseTo(0.022750131948179195, 15);
    expect(normalCdf(-3) / 0.0013498980316300946).toBeCloseTo(1, 12);
    // Beyond |x| ≈ 7 the continued fraction is good to a few 1e-9, relative (far past any VaR).
    expect(normalCdf(-10) / 7.6198530241604696e-24).toBeCloseTo(1, 8);
    expect(normalPdf(1)).toBeCloseTo(0.24197072451914337, 15);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.99)).toBeCloseTo(2.3263478740408408, 12);
    expect(normalQuantile(0.999)).toBeCloseTo(3.0902323061678132, 11);
    expect(normalQuantile(0.05)).toBeCloseTo(-1.6448536269514729, 12);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.3613409024040557, 9);
  });

  it('handles the edges', () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(1.5)).toBeNaN();
    expect(normalCdf(40)).toBe(1);
    expect(normalCdf(-40)).toBe(0);
  });

  it('Φ⁻¹ inverts Φ and is odd (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), (p) => {
        const x = normalQuantile(p);
        expect(normalCdf(x)).toBeCloseTo(p, 13);
        // 1 − p is exact to ~1e-16, and dx/dp = 1/φ(x): the check is only sharp away from the tails.
        if (p > 1e-6 && p < 1 - 1e-6) expect(normalQuantile(1 - p) + x).toBeCloseTo(0, 8);
      }),
    );
  });
});
