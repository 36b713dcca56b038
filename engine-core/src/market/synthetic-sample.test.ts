import { describe, expect, it } from 'vitest';
import { barProblem } from './bar-check';
import { barAt } from './candles';
import { detectGaps } from './gaps';
import { syntheticSample } from './synthetic-sample';

describe('syntheticSample (the bundled, labelled synthetic dataset)', () => {
  it('is the same for the same seed and different for another', () => {
    const a = syntheticSample();
    const b = syntheticSample();
    expect(Array.from(a.close)).toEqual(Array.from(b.close));
    expect(Array.from(syntheticSample({ seed: 7 }).close)).not.toEqual(Array.from(a.close));
  });

  it('is a year of valid, gap-free hourly bars that move like a market', () => {
    const c = syntheticSample();
    expect(c.length).toBe(8760);
    expect(c.symbol).toBe('SYNTH-BTCUSDT');
    for (let i = 0; i < c.length; i++) {
      const b = barAt(c, i);
      expect(barProblem(b.open, b.high, b.low, b.close, b.volume)).toBeNull();
    }
    expect(detectGaps(c.time, c.intervalMs)).toEqual([]);
    // Hourly log returns: a daily-ish volatility and both up and down hours.
    let ups = 0;
    let sq = 0;
    for (let i = 1; i < c.length; i++) {
      const r = Math.log((c.close[i] as number) / (c.close[i - 1] as number));
      if (r > 0) ups++;
      sq += r * r;
    }
    const hourlyVol = Math.sqrt(sq / (c.length - 1));
    expect(hourlyVol).toBeGreaterThan(0.002);
    expect(hourlyVol).toBeLessThan(0.02);
    expect(ups / c.length).toBeGreaterThan(0.4);
    expect(ups / c.length).toBeLessThan(0.6);
  });

  it('has volatility clustering: large moves follow large moves', () => {
    const c = syntheticSample();
    const a: number[] = [];
    for (let i = 1; i < c.length; i++)
      a.push(Math.abs(Math.log((c.close[i] as number) / (c.close[i - 1] as number))));
    const mean = a.reduce((x, y) => x + y, 0) / a.length;
    let num = 0;
    let den = 0;
    for (let i = 0; i < a.length; i++) {
      den += ((a[i] as number) - mean) ** 2;
      if (i > 0) num += ((a[i] as number) - mean) * ((a[i - 1] as number) - mean);
    }
    // Lag-1 autocorrelation of |r|: ≈ 0 for i.i.d. returns (±0.02 at this length).
    expect(num / den).toBeGreaterThan(0.1);
  });

  it('with gapRate, leaves reported outages of 1–5 bars and the same prices', () => {
    const plain = syntheticSample({ bars: 5_000, seed: 3 });
    const gappy = syntheticSample({ bars: 5_000, seed: 3, gapRate: 0.01, symbol: 'SYNTH' });
    expect(gappy.symbol).toBe('SYNTH');
    expect(Array.from(gappy.close)).toEqual(Array.from(plain.close));
    const gaps = detectGaps(gappy.time, gappy.intervalMs);
    expect(gaps.length).toBeGreaterThan(20);
    expect(gaps.length).toBeLessThan(80);
    for (const g of gaps) expect(g.missingBars).toBeGreaterThanOrEqual(1);
    for (const g of gaps) expect(g.missingBars).toBeLessThanOrEqual(5);
    expect(() => syntheticSample({ gapRate: 1 })).toThrow(RangeError);
  });
});
