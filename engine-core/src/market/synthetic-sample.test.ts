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
});
