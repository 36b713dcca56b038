import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../analyzer';
import { DEFAULT_BACKTEST_CONFIG, runBacktest } from '../backtest';
import { type Strategy, smaCross } from '../strategy';
import { evaluateParams } from './evaluate-params';
import { createLocalEvaluator } from './local-evaluator';
import { runSearch } from './search';
import { syntheticCandles } from './testing/synthetic-candles';

describe('evaluateParams', () => {
  const candles = syntheticCandles(400, 4);

  it('is computeMetrics(runBacktest(…))', () => {
    const p = { fast: 5, slow: 20 };
    expect(evaluateParams(candles, smaCross, p, DEFAULT_BACKTEST_CONFIG)).toEqual(
      computeMetrics(runBacktest(candles, smaCross, p, DEFAULT_BACKTEST_CONFIG)),
    );
  });

  it('a strategy that throws fails that run only, saying where', () => {
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
    expect(evaluateParams(candles, broken, { k: 3 }, DEFAULT_BACKTEST_CONFIG)).toEqual({
      failure: expect.stringMatching(/Error: boom \(in onBar at bar 10\)$/),
    });
  });

  it('a search goes on past a failing run: the others are ranked, the failure reported with its line', async () => {
    // A user strategy (source text, as the editor and --strategy-file give it) that throws for k = 2.
    const source = [
      "import { defineStrategy, Sma } from 'veloz';",
      'export default defineStrategy({',
      "  name: 'fragile',",
      "  params: [{ name: 'k', type: 'int', default: 3, min: 1, max: 9, description: 'SMA length' }],",
      '  create(p) {',
      '    const sma = new Sma(p.k as number);',
      '    return {',
      '      onBar(ctx) {',
      "        if (p.k === 2 && ctx.bar === 7) throw new RangeError('k two is cursed');",
      '        const c = ctx.candles.close[ctx.bar] as number;',
      '        const m = sma.update(c);',
      "        if (ctx.position() === 0 && c > m) ctx.submit({ type: 'MARKET', side: 'BUY', size: { fraction: 1 } });",
      '        else if (ctx.position() > 0 && c < m) ctx.closePosition();',
      '      },',
      '    };',
      '  },',
      '});',
    ].join('\n');
    const evaluator = createLocalEvaluator({
      candles,
      strategy: { source, fileName: 'fragile.ts' },
      config: DEFAULT_BACKTEST_CONFIG,
    });
    const ranking = await runSearch(evaluator, [{ k: 1 }, { k: 2 }, { k: 3 }], {
      metric: 'sharpe',
    });
    expect(ranking.ranked.map((e) => e.params.k).sort()).toEqual([1, 3]);
    expect(ranking.failed).toEqual([
      {
        params: { k: 2 },
        failure: expect.stringMatching(
          /^fragile\.ts:9:\d+: RangeError: k two is cursed \(in onBar at bar 7\)$/,
        ),
      },
    ]);
  });
});
