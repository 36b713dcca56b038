import { describe, expect, it } from 'vitest';
import { WeightBudget } from './weight-budget';

const MIN = 60_000;

describe('WeightBudget', () => {
  it('lets requests through until the minute is spent, then waits for the next minute', () => {
    const b = new WeightBudget(10, 500);
    const t = 100 * MIN + 15_000;
    for (let i = 0; i < 5; i++) {
      expect(b.delayBefore(t, 2)).toBe(0);
      b.spend(t, 2);
    }
    expect(b.delayBefore(t, 2)).toBe(45_000 + 500);
    expect(b.delayBefore(101 * MIN, 2)).toBe(0);
    expect(b.used(101 * MIN)).toBe(0);
  });

  it("trusts the exchange's higher count, and Retry-After blocks", () => {
    const b = new WeightBudget(10, 0);
    b.observe(0, 9);
    expect(b.used(1)).toBe(9);
    expect(b.delayBefore(1, 2)).toBe(MIN - 1);
    b.observe(2, 3); // a lower report does not lower the count
    expect(b.used(2)).toBe(9);
    b.blockUntil(MIN + 7_000);
    expect(b.delayBefore(MIN, 2)).toBe(7_000);
    expect(b.delayBefore(MIN + 7_000, 2)).toBe(0);
  });
});
