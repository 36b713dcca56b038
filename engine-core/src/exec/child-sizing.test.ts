import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KNOWN_INSTRUMENTS } from '../instruments';
import { isMultipleOf } from '../orders/order-validation';
import { floorToStep, roundPriceToTick, sendableQty } from './child-sizing';

const BTC = KNOWN_INSTRUMENTS[0]; // tick 0.01, lot 0.00001, min notional 5

describe('child sizing', () => {
  it('floors to the lot, tolerating float noise', () => {
    expect(floorToStep(0.3, 0.1)).toBeCloseTo(0.3, 12); // 0.3 / 0.1 = 2.9999999999999996
    expect(floorToStep(0.35, 0.1)).toBeCloseTo(0.3, 12);
    expect(floorToStep(5, 0)).toBe(5);
    expect(floorToStep(0.05, 0.1)).toBe(0);
  });

  it('property: the floored quantity is a lot multiple, ≤ the input, within one lot of it', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        fc.constantFrom(0.00001, 0.001, 0.1, 1),
        (q, lot) => {
          const f = floorToStep(q, lot);
          expect(isMultipleOf(f, lot)).toBe(true);
          expect(f).toBeLessThanOrEqual(q * (1 + 1e-9) + 1e-12);
          expect(q - f).toBeLessThan(lot * (1 + 1e-6));
        },
      ),
    );
  });

  it('rounds prices toward the safe side of the tick', () => {
    expect(roundPriceToTick(100.004, 0.01, 'up')).toBeCloseTo(100.01, 10);
    expect(roundPriceToTick(100.004, 0.01, 'down')).toBeCloseTo(100, 10);
    expect(roundPriceToTick(100.01, 0.01, 'up')).toBeCloseTo(100.01, 10);
  });

  it('refuses children under min qty or min notional (5 USDT on BTCUSDT)', () => {
    expect(sendableQty(0.0001, BTC, 40_000)).toBe(0); // 4 USDT
    expect(sendableQty(0.000126, BTC, 40_000)).toBe(0); // 0.00012 × 40 000 = 4.8 < 5
    expect(sendableQty(0.000126, BTC, 50_000)).toBeCloseTo(0.00012, 12); // 6 ≥ 5
    expect(sendableQty(0.0002, BTC, 40_000)).toBeCloseTo(0.0002, 12);
    expect(sendableQty(0.0001, BTC, Number.NaN)).toBeCloseTo(0.0001, 12);
  });
});
