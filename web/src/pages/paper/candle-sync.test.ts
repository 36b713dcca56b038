import { describe, expect, it } from 'vitest';
import type { CandleBar } from '../../../../engine-core/src/market';
import { planCandleSync } from './candle-sync';

const M = 60_000;
const bar = (i: number, close = 100 + i): CandleBar => ({
  time: i * M,
  open: 100,
  high: 110,
  low: 90,
  close,
  volume: 1,
});
const bars = (from: number, to: number): CandleBar[] => {
  const out: CandleBar[] = [];
  for (let i = from; i <= to; i++) out.push(bar(i));
  return out;
};

describe('planCandleSync', () => {
  it('draws everything the first time and after a feed change', () => {
    expect(planCandleSync(null, 'a', bars(0, 3))).toEqual({ kind: 'reset' });
    expect(planCandleSync({ key: 'a', last: bar(3) }, 'b', bars(0, 3))).toEqual({
      kind: 'reset',
    });
  });

  it('does nothing when the forming bar has not changed', () => {
    expect(planCandleSync({ key: 'a', last: bar(3) }, 'a', bars(0, 3))).toEqual({ kind: 'none' });
    expect(planCandleSync({ key: 'a', last: null }, 'a', [])).toEqual({ kind: 'none' });
  });

  it('updates only the forming bar when it changed', () => {
    const c = [...bars(0, 2), bar(3, 99)];
    expect(planCandleSync({ key: 'a', last: bar(3) }, 'a', c)).toEqual({ kind: 'update', from: 3 });
  });

  it('updates the bar that closed and the new one', () => {
    expect(planCandleSync({ key: 'a', last: bar(3) }, 'a', bars(0, 4))).toEqual({
      kind: 'update',
      from: 3,
    });
  });

  it('keeps updating when the window of at most N bars slides', () => {
    // Drawn up to bar 999; the view now holds bars 2..1001 (the oldest dropped).
    expect(planCandleSync({ key: 'a', last: bar(999) }, 'a', bars(2, 1001))).toEqual({
      kind: 'update',
      from: 997,
    });
    // Everything in the view is newer than what was drawn: append all of it.
    expect(planCandleSync({ key: 'a', last: bar(5) }, 'a', bars(10, 12))).toEqual({
      kind: 'update',
      from: 0,
    });
  });

  it('redraws when time goes back or the bars are gone', () => {
    expect(planCandleSync({ key: 'a', last: bar(9) }, 'a', bars(0, 3))).toEqual({
      kind: 'reset',
    });
    expect(planCandleSync({ key: 'a', last: bar(9) }, 'a', [])).toEqual({ kind: 'reset' });
    expect(planCandleSync({ key: 'a', last: null }, 'a', bars(0, 1))).toEqual({ kind: 'reset' });
  });
});
