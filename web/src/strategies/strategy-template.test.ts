import { describe, expect, it } from 'vitest';
import {
  buildTrades,
  compileStrategy,
  DEFAULT_BACKTEST_CONFIG,
  runBacktest,
  syntheticSample,
} from '../../../engine-core/src';
import { STRATEGY_TEMPLATE, TEMPLATE_NAME } from './strategy-template';

describe('the new-strategy template', () => {
  it('compiles, and trades on the sample with its stop working', () => {
    const c = compileStrategy(STRATEGY_TEMPLATE, `${TEMPLATE_NAME}.ts`);
    if (!c.ok) throw new Error(c.error);
    expect(c.value.strategy.name).toBe(TEMPLATE_NAME);
    expect(c.value.strategy.params.map((p) => p.name)).toEqual(['fast', 'slow', 'stop']);
    const defaults = Object.fromEntries(c.value.strategy.params.map((p) => [p.name, p.default]));
    const bars = syntheticSample();
    const r = runBacktest(bars, c.value.strategy, defaults, DEFAULT_BACKTEST_CONFIG, {
      sourceFile: c.value.sourceFile,
      lineOffset: c.value.lineOffset,
    });
    expect(r.failure ?? null).toBeNull();
    expect(buildTrades(r.fills).length).toBeGreaterThan(5);
    // Some exits are the stop's: a sale away from its bar's open (close-outs fill at the open).
    const openAt = new Map(Array.from(bars.time, (t, i) => [t, bars.open[i]]));
    const stops = r.fills.filter((f) => f.side === 'SELL' && openAt.get(f.time) !== f.price);
    expect(stops.length).toBeGreaterThan(0);
    expect((r.logs ?? []).length).toBe(r.fills.length);
  });
});
