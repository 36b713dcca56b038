import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../analyzer';
import { DEFAULT_BACKTEST_CONFIG, runBacktest } from '../backtest';
import { type Strategy, smaCross } from '../strategy';
import { evaluateParams } from './evaluate-params';
import { syntheticCandles } from './testing/synthetic-candles';

describe('evaluateParams', () => {
  const candles = syntheticCandles(400, 4);

  it('is computeMetrics(runBacktest(…))', () => {
    const p = { fast: 5, slow: 20 };
    expect(evaluateParams(candles, smaCross, p, DEFAULT_BACKTEST_CONFIG)).toEqual(
      computeMetrics(runBacktest(candles, smaCross, p, DEFAULT_BACKTEST_CONFIG)),
    );
  });

  it('a strategy that throws stops the search with an error naming the params', () => {
    const broken: Strategy = {
      name: 'broken',
      description: 'throws at bar 10',
      params: [{ name: 'k', type: 'int', default: 1, description: '' }],
      create: () => ({
        onBar(ctx) {
          if (ctx.bar === 10) throw new Error('boom');
        },
      }),
    };
    expect(() => evaluateParams(candles, broken, { k: 3 }, DEFAULT_BACKTEST_CONFIG)).toThrow(
      /^broken \{"k":3\} failed: .*boom/,
    );
  });
});
