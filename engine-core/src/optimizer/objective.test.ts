import { describe, expect, it } from 'vitest';
import { SUMMARY_KEYS, type Summary } from '../analyzer';
import type { ParamValues } from '../strategy';
import {
  compareParams,
  type Evaluated,
  MINIMIZED_METRICS,
  metricDirection,
  parseMetric,
  rankResults,
} from './objective';

const BASE: Summary = {
  final_equity: 10_000,
  total_return: 0,
  max_drawdown: 0.1,
  sharpe: 0,
  sortino: null,
  cagr: 0,
  calmar: 0,
  trades: 10,
  win_rate: 0.5,
  profit_factor: 1,
  expectancy: 0,
  avg_win: 1,
  avg_loss: -1,
  max_consecutive_losses: 2,
  exposure: 0.5,
  total_fees: 10,
  turnover: 1000,
  buy_and_hold_return: 0,
};
const run = (params: ParamValues, s: Partial<Summary>): Evaluated => ({
  params,
  summary: { ...BASE, ...s },
});
const order = (rs: readonly Evaluated[]) => rs.map((r) => `${r.params.fast}/${r.params.slow}`);

describe('metrics', () => {
  it('knows every DESIGN §5 metric, and no other', () => {
    for (const k of SUMMARY_KEYS) expect(parseMetric(k)).toEqual({ ok: true, value: k });
    const bad = parseMetric('sharp');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/^unknown metric "sharp" \(known: final_equity, /);
  });

  it('minimizes the costs, maximizes the rest', () => {
    expect([...MINIMIZED_METRICS].sort()).toEqual([
      'max_consecutive_losses',
      'max_drawdown',
      'total_fees',
    ]);
    expect(metricDirection('sharpe')).toBe('max');
    expect(metricDirection('avg_loss')).toBe('max');
    expect(metricDirection('max_drawdown')).toBe('min');
  });
});

describe('rankResults', () => {
  it('sorts by the metric, best first, null and NaN last', () => {
    const r = rankResults(
      [
        run({ fast: 1, slow: 9 }, { sortino: 0.5 }),
        run({ fast: 2, slow: 9 }, { sortino: null }),
        run({ fast: 3, slow: 9 }, { sortino: 2 }),
        run({ fast: 4, slow: 9 }, { sortino: Number.NaN }),
        run({ fast: 5, slow: 9 }, { sortino: -1 }),
      ],
      { metric: 'sortino' },
    );
    expect(order(r.ranked)).toEqual(['3/9', '1/9', '5/9', '2/9', '4/9']);
    expect(r.excluded).toBe(0);
  });

  it('ranks max_drawdown smallest first', () => {
    const r = rankResults(
      [
        run({ fast: 1, slow: 9 }, { max_drawdown: 0.3 }),
        run({ fast: 2, slow: 9 }, { max_drawdown: 0.05 }),
        run({ fast: 3, slow: 9 }, { max_drawdown: 0.2 }),
      ],
      { metric: 'max_drawdown' },
    );
    expect(order(r.ranked)).toEqual(['2/9', '3/9', '1/9']);
  });

  it('breaks ties by the params in param order, whatever the input order', () => {
    const runs = [
      run({ fast: 5, slow: 20 }, { sharpe: 1 }),
      run({ fast: 3, slow: 30 }, { sharpe: 1 }),
      run({ fast: 3, slow: 20 }, { sharpe: 1 }),
      run({ fast: 9, slow: 10 }, { sharpe: 2 }),
      run({ fast: 1, slow: 1 }, { sharpe: null as unknown as number }),
      run({ fast: 0, slow: 1 }, { sharpe: null as unknown as number }),
    ];
    const want = ['9/10', '3/20', '3/30', '5/20', '0/1', '1/1'];
    expect(order(rankResults(runs, { metric: 'sharpe' }).ranked)).toEqual(want);
    expect(order(rankResults([...runs].reverse(), { metric: 'sharpe' }).ranked)).toEqual(want);
  });

  it('drops runs below minTrades and counts them', () => {
    const r = rankResults(
      [
        run({ fast: 1, slow: 9 }, { sharpe: 3, trades: 2 }),
        run({ fast: 2, slow: 9 }, { sharpe: 1, trades: 5 }),
        run({ fast: 3, slow: 9 }, { sharpe: 2, trades: 4 }),
      ],
      { metric: 'sharpe', minTrades: 4 },
    );
    expect(order(r.ranked)).toEqual(['3/9', '2/9']);
    expect(r.excluded).toBe(1);
  });

  it('compareParams: numbers by value, false before true', () => {
    expect(compareParams({ a: 1, b: true }, { a: 1, b: false })).toBe(1);
    expect(compareParams({ a: 1, b: false }, { a: 2, b: false })).toBe(-1);
    expect(compareParams({ a: 1.5 }, { a: 1.5 })).toBe(0);
  });
});
