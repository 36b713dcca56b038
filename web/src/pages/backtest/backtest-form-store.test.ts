import { beforeEach, describe, expect, it } from 'vitest';
import {
  applyBacktestQuery,
  backtestFormStore,
  DEFAULT_STRATEGY,
  openStrategyInBacktest,
  parseStrategyKey,
  strategyKey,
} from './backtest-form-store';

const initial = backtestFormStore.getState();

describe('strategy keys', () => {
  it('round-trips built-ins and user strategies; a bare name is a built-in', () => {
    for (const c of [DEFAULT_STRATEGY, { kind: 'user', id: 's-1' } as const]) {
      expect(parseStrategyKey(strategyKey(c))).toEqual(c);
    }
    expect(parseStrategyKey('trend')).toEqual({ kind: 'builtin', name: 'trend' });
    expect(parseStrategyKey('')).toBeNull();
    expect(parseStrategyKey('user:')).toBeNull();
  });
});

describe('applyBacktestQuery', () => {
  beforeEach(() => backtestFormStore.setState(initial, true));

  it('prepares the run an Optimize row links to', () => {
    backtestFormStore.getState().setCost('slippageBps', '7');
    applyBacktestQuery('?dataset=csv-1&strategy=user%3As-x&p.stop=0.03&p.go=true&feeBps=5');
    const s = backtestFormStore.getState();
    expect(s.datasetId).toBe('csv-1');
    expect(s.strategy).toEqual({ kind: 'user', id: 's-x' });
    expect(s.params['user:s-x']).toEqual({ stop: '0.03', go: 'true' });
    expect(s.costs).toEqual({
      initialCash: '10000',
      feeBps: '5',
      makerFeeBps: '10',
      slippageBps: '0',
    });
  });

  it('selects a built-in by name and leaves the rest alone without a strategy', () => {
    applyBacktestQuery('?dataset=sample&strategy=sma-cross&p.fast=12');
    expect(backtestFormStore.getState().params['builtin:sma-cross']).toEqual({ fast: '12' });
    backtestFormStore.getState().setCost('feeBps', '3');
    applyBacktestQuery('?dataset=other');
    const s = backtestFormStore.getState();
    expect(s.datasetId).toBe('other');
    expect(s.costs.feeBps).toBe('3');
    expect(s.params['builtin:sma-cross']).toEqual({ fast: '12' });
  });

  it('lets the editor hand over one of the user strategies', () => {
    openStrategyInBacktest('abc');
    expect(backtestFormStore.getState().strategy).toEqual({ kind: 'user', id: 'abc' });
  });
});
