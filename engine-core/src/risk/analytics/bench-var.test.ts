import { describe, expect, it } from 'vitest';
import { measureMonteCarloVar } from './bench-var';
import { normalPdf, normalQuantile } from './normal';

describe('measureMonteCarloVar', () => {
  it('times with the clock it is given and computes a VaR that agrees with the normal model', () => {
    let t = 0;
    const now = () => (t += 50); // each reading 50 ms later: the run takes 50 ms
    const r = measureMonteCarloVar({ assets: 4, paths: 20_000, now });
    expect(r.ms).toBe(50);
    expect(r.pathsPerSec).toBe(400_000);
    // σ² of the P&L = Σᵢⱼ wᵢwⱼ ρᵢⱼ σᵢσⱼ, vols 2, 3, 4, 5 %, ρ = 0.3, w = ±10 000, computed plainly.
    const vol = [0.02, 0.03, 0.04, 0.05];
    const w = [1e4, -1e4, 1e4, -1e4];
    let v = 0;
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++) v += w[i] * w[j] * (i === j ? 1 : 0.3) * vol[i] * vol[j];
    const sd = Math.sqrt(v);
    const z = normalQuantile(0.99);
    const se = (sd * Math.sqrt((0.99 * 0.01) / 20_000)) / normalPdf(z);
    expect(Math.abs(r.var99 - sd * z)).toBeLessThan(4 * se);
  });
});
