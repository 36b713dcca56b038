import { describe, expect, it } from 'vitest';
import type { CandleBar } from '../../../engine-core/src/market';
import { CandleWindow } from './candle-window';

const bar = (time: number, close = time): CandleBar => ({
  time,
  open: close,
  high: close,
  low: close,
  close,
  volume: 1,
});

describe('CandleWindow', () => {
  it('closed bars in order, the forming one last, at most max in all', () => {
    const w = new CandleWindow(4);
    w.push([bar(1), bar(2)]);
    w.push([bar(2, 9), bar(3), bar(4), bar(5)]); // 2 again is dropped
    expect(w.view(null).map((b) => b.time)).toEqual([3, 4, 5]);
    expect(w.view(bar(6)).map((b) => b.time)).toEqual([3, 4, 5, 6]);
    expect(w.view(bar(5)).map((b) => b.time)).toEqual([3, 4, 5]);
    w.clear();
    expect(w.view(bar(7))).toEqual([bar(7)]);
  });
});
