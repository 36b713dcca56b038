import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../util';
import { DEFAULT_RISK_LIMITS, NO_RISK_LIMITS } from '../risk-limits';
import { scaleLimits, volFactor } from './dynamic-limits';
import { annualizeVol, RollingVolatility } from './realized-vol';

/** Sample stdev of the last `w` returns, computed afresh (two passes). */
function plainVol(prices: number[], w: number): number {
  const r = prices
    .slice(1)
    .map((p, i) => p / (prices[i] as number) - 1)
    .slice(-w);
  const m = r.reduce((a, b) => a + b, 0) / r.length;
  return Math.sqrt(r.reduce((a, b) => a + (b - m) ** 2, 0) / (r.length - 1));
}

describe('rolling realized volatility', () => {
  it('warms up, then equals the plain stdev of the window at every step', () => {
    const rng = mulberry32(9);
    const v = new RollingVolatility(20);
    const prices = [100];
    v.updatePrice(100);
    for (let t = 1; t <= 500; t++) {
      const p = (prices[t - 1] as number) * (1 + 0.02 * (rng() - 0.5));
      prices.push(p);
      v.updatePrice(p);
      const e = v.estimate();
      if (t < 20) expect(e).toEqual({ kind: 'warming', count: t, needed: 20 });
      else {
        expect(e.kind).toBe('ready');
        if (e.kind === 'ready') expect(e.vol).toBeCloseTo(plainVol(prices, 20), 13);
      }
    }
  });

  it('annualizes by √(periods per year) of DESIGN §5', () => {
    expect(annualizeVol(0.01, 86_400_000)).toBeCloseTo(0.01 * Math.sqrt(365), 14);
    expect(annualizeVol(0.001, 3_600_000)).toBeCloseTo(0.001 * Math.sqrt(8760), 14);
  });
});

describe('volatility-scaled limits', () => {
  const t = { targetVol: 0.02, minFactor: 0.25, maxFactor: 2 };

  it('hand-computed factors and limits', () => {
    expect(volFactor({ kind: 'ready', vol: 0.04 }, t)).toBe(0.5);
    expect(volFactor({ kind: 'ready', vol: 0.5 }, t)).toBe(0.25);
    expect(volFactor({ kind: 'ready', vol: 0 }, t)).toBe(2);
    expect(volFactor({ kind: 'warming', count: 3, needed: 20 }, t)).toBe(0.25);
    expect(volFactor({ kind: 'warming', count: 3, needed: 20 }, { ...t, warmupFactor: 1 })).toBe(1);
    const l = scaleLimits(DEFAULT_RISK_LIMITS, 0.5);
    expect(l.maxOrderNotional).toBe(25_000);
    expect(l.maxPositionNotional).toBe(125_000);
    expect(l.priceBand).toBe(DEFAULT_RISK_LIMITS.priceBand);
    expect(scaleLimits(NO_RISK_LIMITS, 0.5)).toEqual(NO_RISK_LIMITS);
  });

  it('stays in [min, max] and falls as volatility rises (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const fLo = volFactor({ kind: 'ready', vol: lo }, t);
          const fHi = volFactor({ kind: 'ready', vol: hi }, t);
          expect(fHi).toBeLessThanOrEqual(fLo);
          for (const f of [fLo, fHi]) {
            expect(f).toBeGreaterThanOrEqual(t.minFactor);
            expect(f).toBeLessThanOrEqual(t.maxFactor);
          }
        },
      ),
    );
  });
});
