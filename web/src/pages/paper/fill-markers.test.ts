import { describe, expect, it } from 'vitest';
import type { CandleBar } from '../../../../engine-core/src/market';
import type { PaperFill } from '../../paper/paper-api';
import { fillMarkers } from './fill-markers';

const M = 60_000;
const candles: CandleBar[] = [0, 1, 2, 3].map((i) => ({
  time: (10 + i) * M,
  open: 1,
  high: 1,
  low: 1,
  close: 1,
  volume: 1,
}));
const fill = (ts: number, side: 'BUY' | 'SELL', qty: number, price: number): PaperFill => ({
  ts,
  clientOrderId: 'o',
  side,
  qty,
  price,
  fee: 0,
  liquidity: 'TAKER',
});

describe('fillMarkers', () => {
  it('puts each fill on the bar holding its time, adding up a bar and side', () => {
    const m = fillMarkers(
      [
        fill(11 * M + 5_000, 'BUY', 1, 100),
        fill(11 * M + 59_999, 'BUY', 3, 104),
        fill(11 * M + 1, 'SELL', 2, 101),
        fill(13 * M + 30_000, 'SELL', 0.5, 99),
      ],
      candles,
    );
    expect(m).toEqual([
      // (1 × 100 + 3 × 104) / 4 = 103
      { time: 11 * M, side: 'BUY', qty: 4, price: 103, count: 2 },
      { time: 11 * M, side: 'SELL', qty: 2, price: 101, count: 1 },
      { time: 13 * M, side: 'SELL', qty: 0.5, price: 99, count: 1 },
    ]);
  });

  it('leaves out fills before the first bar, keeps later ones on the last bar', () => {
    const m = fillMarkers([fill(9 * M, 'BUY', 1, 1), fill(20 * M, 'BUY', 1, 1)], candles);
    expect(m.map((x) => x.time)).toEqual([13 * M]);
    expect(fillMarkers([fill(10 * M, 'BUY', 1, 1)], [])).toEqual([]);
  });

  it('keeps the newest `max`', () => {
    const fills = [0, 1, 2, 3].map((i) => fill((10 + i) * M, 'BUY', 1, 1));
    expect(fillMarkers(fills, candles, 2).map((x) => x.time)).toEqual([12 * M, 13 * M]);
  });
});
