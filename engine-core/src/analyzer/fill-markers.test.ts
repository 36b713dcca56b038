import { describe, expect, it } from 'vitest';
import { fillMarkers } from './fill-markers';
import { resultOf } from './testing/result-builder';

const DAY = 86_400_000;

describe('fillMarkers', () => {
  it('classifies fills and snaps them to their bar', () => {
    const result = resultOf({
      equity: [100, 100, 100, 100],
      start: 0,
      fills: [
        { time: 0, side: 'BUY', qty: 1, price: 1, fee: 0 },
        { time: DAY + 5, side: 'BUY', qty: 1, price: 1, fee: 0 },
        { time: 2 * DAY, side: 'SELL', qty: 0.5, price: 1, fee: 0 },
        { time: 2 * DAY, side: 'SELL', qty: 3.5, price: 1, fee: 0 },
        { time: 9 * DAY, side: 'BUY', qty: 2, price: 1, fee: 0 },
      ],
    });
    expect(fillMarkers(result).map((m) => [m.bar, m.action, m.after])).toEqual([
      [0, 'open', 1],
      [1, 'add', 1],
      [2, 'reduce', 1],
      [2, 'flip', -1],
      [3, 'close', 0],
    ]);
  });
});
