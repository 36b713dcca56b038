import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReportTrade } from '../../../../engine-core/src/analyzer';
import { tradeColumnsOf } from '../../engine/result-columns';
import {
  DEFAULT_TRADE_SORT,
  formatDuration,
  nextTradeSort,
  sortedTradeIndexes,
  type TradeSort,
  type TradeSortKey,
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

const objects = [
  trade(0, 5, 3),
  trade(6, 7, -1, 'SHORT'),
  trade(8, 20, 3),
  trade(21, 22, Number.NaN),
];
const trades = tradeColumnsOf(objects);
const sorted = (s: TradeSort): number[] => Array.from(sortedTradeIndexes(trades, s));

/**
 * The plain way: sort the trade objects by their field (strings compare as strings), ties in
 * report order, NaN last. What the columns' permutation must equal.
 */
function plainSort(list: readonly ReportTrade[], sort: TradeSort): number[] {
  const value = (t: ReportTrade, i: number): number | string =>
    sort.key === 'index' ? i : sort.key === 'duration' ? t.exit_time - t.entry_time : t[sort.key];
  const rows = list.map((t, i) => ({ i, v: value(t, i) }));
  const sign = sort.dir === 'asc' ? 1 : -1;
  rows.sort((a, b) => {
    const an = typeof a.v === 'number' && Number.isNaN(a.v);
    const bn = typeof b.v === 'number' && Number.isNaN(b.v);
    if (an || bn) return an === bn ? a.i - b.i : an ? 1 : -1;
    if (a.v < b.v) return -sign;
    if (a.v > b.v) return sign;
    return a.i - b.i;
  });
  return rows.map((r) => r.i);
}

const KEYS: readonly TradeSortKey[] = [
  'index',
  'side',
  'entry_time',
  'exit_time',
  'duration',
  'qty',
  'entry_price',
  'exit_price',
  'fees',
  'pnl',
  'return',
];

describe('sortedTradeIndexes', () => {
  it('keeps report order by default and reverses it', () => {
    expect(sorted(DEFAULT_TRADE_SORT)).toEqual([0, 1, 2, 3]);
    expect(sorted({ key: 'index', dir: 'desc' })).toEqual([3, 2, 1, 0]);
  });

  it('sorts numbers both ways, ties in report order, NaN last', () => {
    expect(sorted({ key: 'pnl', dir: 'desc' })).toEqual([0, 2, 1, 3]);
    expect(sorted({ key: 'pnl', dir: 'asc' })).toEqual([1, 0, 2, 3]);
  });

  it('sorts by duration and by side', () => {
    expect(sorted({ key: 'duration', dir: 'desc' })).toEqual([2, 0, 1, 3]);
    expect(sorted({ key: 'side', dir: 'desc' })).toEqual([1, 0, 2, 3]);
    expect(sorted({ key: 'side', dir: 'asc' })).toEqual([0, 2, 3, 1]);
  });

  it('does not touch the columns', () => {
    const before = Array.from(trades.pnl);
    sortedTradeIndexes(trades, { key: 'pnl', dir: 'asc' });
    expect(Array.from(trades.pnl)).toEqual(before);
  });

  it('equals sorting the trade objects, for every column and direction (seeded fuzz)', () => {
    // Few distinct values, so ties are common; NaN and ±0 among them.
    const num = fc.oneof(
      fc.constantFrom(Number.NaN, 0, -0, 1, -1, 2.5),
      fc.double({ noNaN: false, min: -1e6, max: 1e6 }),
    );
    const arbTrade = fc.record({
      entry_time: fc.integer({ min: 0, max: 50 }).map((x) => x * H),
      exit_time: fc.integer({ min: 0, max: 80 }).map((x) => x * H),
      side: fc.constantFrom<'LONG' | 'SHORT'>('LONG', 'SHORT'),
      qty: num,
      entry_price: num,
      exit_price: num,
      fees: num,
      pnl: num,
      return: num,
    });
    fc.assert(
      fc.property(
        fc.array(arbTrade, { maxLength: 60 }),
        fc.constantFrom(...KEYS),
        fc.constantFrom<'asc' | 'desc'>('asc', 'desc'),
        (list, key, dir) => {
          const got = Array.from(sortedTradeIndexes(tradeColumnsOf(list), { key, dir }));
          expect(got).toEqual(plainSort(list, { key, dir }));
        },
      ),
      { seed: 20_251_125, numRuns: 400 },
    );
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
