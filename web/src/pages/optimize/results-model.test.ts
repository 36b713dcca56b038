import { describe, expect, it } from 'vitest';
import type { Summary } from '../../../../engine-core/src/analyzer';
import {
  backtestHref,
  buildHeatmap,
  type RankedRow,
  sortRows,
  variedParams,
} from './results-model';

const summary = (sharpe: number | null, trades: number): Summary =>
  ({ sharpe, trades, total_return: sharpe }) as unknown as Summary;

const rows: RankedRow[] = [
  { rank: 1, params: { fast: 10, slow: 30, k: 1 }, summary: summary(2, 4) },
  { rank: 2, params: { fast: 5, slow: 30, k: 2 }, summary: summary(1.5, 9) },
  { rank: 3, params: { fast: 10, slow: 30, k: 2 }, summary: summary(1, 2) },
  { rank: 4, params: { fast: 5, slow: 20, k: 1 }, summary: summary(null, 0) },
];

describe('results', () => {
  it('sort by rank, a param or a metric, nulls last, ties by rank', () => {
    const by = (key: Parameters<typeof sortRows>[1]['key'], descending: boolean) =>
      sortRows(rows, { key, descending }).map((r) => r.rank);
    expect(by({ kind: 'rank' }, true)).toEqual([4, 3, 2, 1]);
    expect(by({ kind: 'param', name: 'fast' }, false)).toEqual([2, 4, 1, 3]);
    expect(by({ kind: 'metric', name: 'sharpe' }, false)).toEqual([3, 2, 1, 4]);
    expect(by({ kind: 'metric', name: 'trades' }, true)).toEqual([2, 1, 3, 4]);
  });

  it('a heatmap keeps the best-ranked run of each cell, and the metric range', () => {
    const h = buildHeatmap(rows, 'fast', 'slow', 'sharpe');
    expect([h.xs, h.ys]).toEqual([
      [5, 10],
      [20, 30],
    ]);
    expect(h.cells.map((c) => c?.rank ?? null)).toEqual([4, null, 2, 1]);
    expect([h.min, h.max]).toEqual([1.5, 2]);
  });

  it('finds the params that vary', () => {
    expect(variedParams(rows)).toEqual(['fast', 'slow', 'k']);
    expect(variedParams([rows[0] as RankedRow])).toEqual([]);
  });

  it('links a run to the Backtest page', () => {
    expect(
      backtestHref('sample', { kind: 'builtin', name: 'sma-cross' }, { fast: 10, slow: 30 }),
    ).toBe('/backtest?dataset=sample&strategy=sma-cross&p.fast=10&p.slow=30');
    expect(
      backtestHref('csv-1', { kind: 'user', id: 's-x' }, { stop: 0.03, go: true }, { feeBps: 5 }),
    ).toBe('/backtest?dataset=csv-1&strategy=user%3As-x&p.stop=0.03&p.go=true&feeBps=5');
  });
});
