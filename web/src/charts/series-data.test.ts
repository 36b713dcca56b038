import { describe, expect, it } from 'vitest';
import { syntheticSample } from '../../../engine-core/src/market';
import {
  candleRows,
  indexAtOrBefore,
  lineRows,
  markerText,
  paddedBarRange,
  priceFormatFor,
} from './series-data';

const bars = syntheticSample({ bars: 600 });

describe('candleRows / lineRows', () => {
  it('converts ms columns to second timestamps', () => {
    const rows = candleRows(bars);
    expect(rows).toHaveLength(600);
    expect(rows[1]).toEqual({
      time: (bars.time[1] as number) / 1000,
      open: bars.open[1],
      high: bars.high[1],
      low: bars.low[1],
      close: bars.close[1],
    });
  });

  it('makes whitespace of non-finite values, keeping every time', () => {
    const rows = lineRows([1000, 2000, 3000], new Float64Array([Number.NaN, 2, 3]));
    expect(rows).toEqual([{ time: 1 }, { time: 2, value: 2 }, { time: 3, value: 3 }]);
  });
});

describe('markerText', () => {
  it('labels opens, flips and reductions', () => {
    expect(markerText({ action: 'open', after: 1 })).toBe('Long');
    expect(markerText({ action: 'close', after: 0 })).toBe('Exit');
    expect(markerText({ action: 'flip', after: -1 })).toBe('Flip short');
    expect(markerText({ action: 'open', after: -1 })).toBe('Short');
    expect(markerText({ action: 'reduce', after: 1 })).toBe('Reduce');
  });
});

describe('priceFormatFor', () => {
  it('keeps about six significant digits, at least two decimals', () => {
    expect(priceFormatFor([42_000, 43_000, 41_000])).toEqual({ precision: 2, minMove: 0.01 });
    expect(priceFormatFor([1.2345, 1.5, 1.7])).toEqual({ precision: 5, minMove: 0.00001 });
    expect(priceFormatFor([0.012, 0.013, 0.014])).toEqual({ precision: 7, minMove: 0.0000001 });
    expect(priceFormatFor([])).toEqual({ precision: 5, minMove: 0.00001 });
  });
});

describe('bar ranges', () => {
  const time = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90];
  it('finds the last bar at or before a time', () => {
    expect(indexAtOrBefore(time, -5)).toBe(0);
    expect(indexAtOrBefore(time, 25)).toBe(2);
    expect(indexAtOrBefore(time, 30)).toBe(3);
    expect(indexAtOrBefore(time, 1e9)).toBe(9);
  });

  it('pads a trade’s bars by a quarter of its length, at least the minimum', () => {
    expect(paddedBarRange(time, 20, 60, 1)).toEqual({ from: 1, to: 7 });
    expect(paddedBarRange(time, 20, 30, 3)).toEqual({ from: -1, to: 6 });
  });
});
