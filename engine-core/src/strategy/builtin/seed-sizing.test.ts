import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKTEST_CONFIG, runBacktest } from '../../backtest';
import { resolveParams } from '../params';
import { bollingerStrategy } from './bollinger';
import { planEntry, SEED_SIZING_PARAMS, seedSizing } from './seed-sizing';
import { bars } from './test-kit';

const NO_FEES = { ...DEFAULT_BACKTEST_CONFIG, feeBps: 0, makerFeeBps: 0 };

const sizing = (given: Record<string, number>) => {
  const r = resolveParams(SEED_SIZING_PARAMS, given);
  if (!r.ok) throw new Error(r.error);
  return seedSizing(r.value);
};

describe('seed sizing', () => {
  it('defaults to all-in without a stop', () => {
    expect(planEntry(sizing({}), 10_000, 100)).toEqual({ size: { fraction: 1 }, stop: null });
    expect(planEntry(sizing({ max_position_size: 0.25 }), 10_000, 100)).toEqual({
      size: { fraction: 0.25 },
      stop: null,
    });
  });

  it('risks risk_per_trade of equity down to the stop, capped by max_position_size', () => {
    // Equity 10 000, entry 100, stop 5 % below = 95: risk 1 % = 100 → qty 100 / 5 = 20
    // (notional 2 000, under the cap of 10 000): a fraction 2 000 / 10 000 = 0.2 of cash.
    const p = planEntry(sizing({ risk_per_trade: 0.01, stop_loss: 0.05 }), 10_000, 100);
    expect(p.stop).toBeCloseTo(95, 12);
    expect(p.size.fraction).toBeCloseTo(0.2, 12);
    // Cap 10 % of equity = 1 000 of notional = 10 < 20: the cap as a fraction, at fill time.
    expect(
      planEntry(
        sizing({ risk_per_trade: 0.01, stop_loss: 0.05, max_position_size: 0.1 }),
        10_000,
        100,
      ).size,
    ).toEqual({ fraction: 0.1 });
    // Risk 5 % with a 2 % stop wants 2.5 × equity: capped at all of it.
    expect(planEntry(sizing({ risk_per_trade: 0.05, stop_loss: 0.02 }), 10_000, 100).size).toEqual({
      fraction: 1,
    });
  });

  it('rejects sizing params out of range', () => {
    expect(resolveParams(SEED_SIZING_PARAMS, { max_position_size: 2 }).ok).toBe(false);
    expect(resolveParams(SEED_SIZING_PARAMS, { risk_per_trade: -0.1 }).ok).toBe(false);
    expect(resolveParams(SEED_SIZING_PARAMS, { stop_loss: 0 }).ok).toBe(false);
  });

  // Bollinger 3 at 1σ, risk 1 %, stop 10 %, no fees. Worked by hand:
  //   bar 2: window 100, 100, 90: lower 96.67 − 4.71 = 91.95 > 90 → buy; equity 10 000, entry
  //          90, stop 81: qty = 100 / 9 = 11.11 (cap 10 000 / 90 = 111.1), filled at bar 3's open 90
  //   bar 3: window 100, 90, 88: lower 92.67 − 5.25 = 87.42 < 88, middle > 88 → hold; stop at 81
  //   bar 4: low 80 ≤ 81 → stopped at 81: loss 11.11 × 9 = 100 = 1 % → equity 9 900; window
  //          90, 88, 82: lower 86.67 − 3.40 = 83.27 > 82 → buy; qty = 99 / 8.2 = 12.07 at 82
  //   bar 5: window 88, 82, 86: middle 85.33 ≤ 86 → sell at bar 6's open 86: + 12.07 × 4
  const c = bars([
    [100, 100, 100, 100],
    [100, 100, 100, 100],
    [100, 100, 90, 90],
    [90, 91, 87, 88],
    [88, 89, 80, 82],
    [82, 87, 82, 86],
    [86, 87, 85, 86],
  ]);
  const run = (extra: Record<string, number>) => {
    const p = resolveParams(bollingerStrategy.params, {
      period: 3,
      std_dev: 1,
      risk_per_trade: 0.01,
      stop_loss: 0.1,
      ...extra,
    });
    if (!p.ok) throw new Error(p.error);
    const r = runBacktest(c, bollingerStrategy, p.value, NO_FEES);
    expect(r.failure).toBeNull();
    return r;
  };

  it('in a backtest: loses risk_per_trade at the stop and sizes the next entry on the new equity', () => {
    const r = run({});
    const q1 = 100 / 9;
    const q2 = 99 / 8.2;
    const got = r.fills.map((f) => [c.time.indexOf(f.time), f.side, f.price, f.qty]);
    expect(got.map((g) => g.slice(0, 3))).toEqual([
      [3, 'BUY', 90],
      [4, 'SELL', 81],
      [5, 'BUY', 82],
      [6, 'SELL', 86],
    ]);
    expect(got.map((g) => g[3] as number)).toEqual(
      [q1, q1, q2, q2].map((q) => expect.closeTo(q, 9)),
    );
    expect(r.equity[4]).toBeCloseTo(9_900, 9);
    expect(r.equity[6]).toBeCloseTo(9_900 + q2 * 4, 9);
  });

  it('in a backtest: max_position_size caps the entry at that fraction of equity', () => {
    // Cap 5 %: 500 / 90 = 5.56 < 11.11 → the stop loses 5.56 × 9 = 50.
    const r = run({ max_position_size: 0.05 });
    expect(r.fills[0]?.qty).toBeCloseTo(500 / 90, 9);
    expect(r.fills[1]?.price).toBe(81);
    expect(r.equity[4]).toBeCloseTo(9_950, 9);
  });
});
