import { describe, expect, it } from 'vitest';
import type { ReportTrade } from '../../../../engine-core/src/analyzer';
import {
  DEFAULT_TRADE_SORT,
  formatDuration,
  nextTradeSort,
  sortedTradeIndexes,
} from './trade-sort';

const H = 3_600_000;
const trade = (
  entry: number,
  exit: number,
  pnl: number,
  side: 'LONG' | 'SHORT' = 'LONG',
): ReportTrade => ({
  entry_time: entry * H,
  exit_time: exit * H,
  side,
  qty: 1,
  entry_price: 100,
  exit_price: 100 + pnl,
  fees: 0.2,
  pnl,
  return: pnl / 100,
});

const trades = [
  trade(0, 5, 3),
  trade(6, 7, -1, 'SHORT'),
  trade(8, 20, 3),
  trade(21, 22, Number.NaN),
];

describe('sortedTradeIndexes', () => {
  it('keeps report order by default and reverses it', () => {
    expect(sortedTradeIndexes(trades, DEFAULT_TRADE_SORT)).toEqual([0, 1, 2, 3]);
    expect(sortedTradeIndexes(trades, { key: 'index', dir: 'desc' })).toEqual([3, 2, 1, 0]);
  });

  it('sorts numbers both ways, ties in report order, NaN last', () => {
    expect(sortedTradeIndexes(trades, { key: 'pnl', dir: 'desc' })).toEqual([0, 2, 1, 3]);
    expect(sortedTradeIndexes(trades, { key: 'pnl', dir: 'asc' })).toEqual([1, 0, 2, 3]);
  });

  it('sorts by duration and by side', () => {
    expect(sortedTradeIndexes(trades, { key: 'duration', dir: 'desc' })).toEqual([2, 0, 1, 3]);
    expect(sortedTradeIndexes(trades, { key: 'side', dir: 'desc' })).toEqual([1, 0, 2, 3]);
  });

  it('does not touch the trades', () => {
    const copy = [...trades];
    sortedTradeIndexes(trades, { key: 'pnl', dir: 'asc' });
    expect(trades).toEqual(copy);
  });
});

describe('nextTradeSort', () => {
  it('flips the same column and starts a new one in its natural direction', () => {
    expect(nextTradeSort({ key: 'pnl', dir: 'desc' }, 'pnl')).toEqual({ key: 'pnl', dir: 'asc' });
    expect(nextTradeSort(DEFAULT_TRADE_SORT, 'pnl')).toEqual({ key: 'pnl', dir: 'desc' });
    expect(nextTradeSort(DEFAULT_TRADE_SORT, 'entry_time')).toEqual({
      key: 'entry_time',
      dir: 'asc',
    });
  });
});

describe('formatDuration', () => {
  it('reads like a trader writes it', () => {
    expect(formatDuration(5 * H)).toBe('5h');
    expect(formatDuration(26 * H)).toBe('1d 2h');
    expect(formatDuration(48 * H)).toBe('2d');
    expect(formatDuration(90 * 60_000)).toBe('1h 30m');
    expect(formatDuration(45 * 60_000)).toBe('45m');
    expect(formatDuration(30_000)).toBe('30s');
    expect(formatDuration(-1)).toBe('—');
  });
});
