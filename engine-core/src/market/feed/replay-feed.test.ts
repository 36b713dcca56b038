import { describe, expect, it } from 'vitest';
import { symbolId, timestampMs } from '../../model';
import type { MarketUpdate } from '../../venue/market-feed';
import { candlesFromColumns } from '../candles';
import { candleUpdates } from './candle-updates';
import { ManualScheduler } from './manual-scheduler';
import { ReplayFeed } from './replay-feed';

const BTC = symbolId('BTCUSDT');
const ETH = symbolId('ETHUSDT');
const trade = (ts: number, price = 100, symbol = BTC): MarketUpdate => ({
  kind: 'trade',
  symbol,
  price,
  qty: 1,
  side: 'BUY',
  ts: timestampMs(ts),
});

/** Plays `updates` and records the scheduler time of each delivery. */
function play(updates: MarketUpdate[], speed: number, symbols = [BTC]) {
  const clock = new ManualScheduler(500_000);
  let ended = 0;
  const feed = new ReplayFeed({ updates, scheduler: clock, speed, chunk: 3, onEnd: () => ended++ });
  const got: { at: number; u: MarketUpdate }[] = [];
  const stop = feed.subscribe(symbols, (u) => got.push({ at: clock.now(), u }));
  return { clock, feed, got, stop, ended: () => ended };
}

describe('ReplayFeed', () => {
  it('keeps the recorded gaps at 1× and divides them by N at N×', () => {
    const updates = [trade(1_000), trade(1_000), trade(3_000), trade(8_000)];
    for (const speed of [1, 4]) {
      const { clock, got, feed, ended } = play(updates, speed);
      expect(got).toHaveLength(0); // nothing before the first timer turn
      clock.runUntilIdle();
      expect(got.map((g) => g.at - 500_000)).toEqual([0, 0, 2_000 / speed, 7_000 / speed]);
      expect(got.map((g) => g.u)).toEqual(updates);
      expect(feed.state).toBe('ended');
      expect(ended()).toBe(1);
    }
  });

  it('plays as fast as possible at Infinity, in chunks that let pause and stop in', () => {
    const updates = Array.from({ length: 10 }, (_, i) => trade(i * 60_000));
    const { clock, got, feed } = play(updates, Number.POSITIVE_INFINITY);
    clock.runUntilIdle(1);
    expect(got).toHaveLength(3); // one chunk per timer turn
    clock.runUntilIdle(1);
    expect(got).toHaveLength(6);
    clock.runUntilIdle();
    expect(got).toHaveLength(10);
    expect(got.every((g) => g.at === 500_000)).toBe(true);
    expect(feed.delivered).toBe(10);
    expect(feed.position).toBe(540_000);
  });

  it('pauses and resumes, keeping the gaps; stops for good', () => {
    const updates = [trade(0), trade(1_000), trade(2_000), trade(3_000)];
    const { clock, got, feed } = play(updates, 1);
    clock.advance(1_500);
    expect(got).toHaveLength(2);
    feed.pause();
    clock.advance(10_000);
    expect(got).toHaveLength(2);
    feed.resume();
    clock.advance(499);
    expect(got).toHaveLength(2);
    clock.advance(1);
    expect(got.map((g) => g.at - 500_000)).toEqual([0, 1_000, 12_000]);
    feed.stop();
    clock.runUntilIdle();
    expect(got).toHaveLength(3);
    expect(feed.state).toBe('stopped');
    expect(clock.pending).toBe(0);
  });

  it('can be paused or stopped from inside the callback', () => {
    const clock = new ManualScheduler();
    const feed = new ReplayFeed({
      updates: [trade(0), trade(0), trade(0)],
      scheduler: clock,
      speed: Number.POSITIVE_INFINITY,
    });
    const got: MarketUpdate[] = [];
    feed.subscribe([BTC], (u) => {
      got.push(u);
      if (got.length === 1) feed.pause();
      if (got.length === 2) feed.stop();
    });
    clock.runUntilIdle();
    expect(got).toHaveLength(1);
    feed.resume();
    clock.runUntilIdle();
    expect(got).toHaveLength(2);
    expect(feed.state).toBe('stopped');
  });

  it('changes speed mid-way from the current replay position', () => {
    const updates = [trade(0), trade(10_000), trade(20_000)];
    const { clock, got, feed } = play(updates, 1);
    clock.advance(4_000); // replay time 4 s
    feed.setSpeed(2); // the 6 s left to the second update take 3 s
    clock.runUntilIdle();
    expect(got.map((g) => g.at - 500_000)).toEqual([0, 7_000, 12_000]);
  });

  it('skips other symbols and always passes connection statuses', () => {
    const status: MarketUpdate = {
      kind: 'status',
      symbol: null,
      status: 'connected',
      message: 'x',
      ts: timestampMs(5),
    };
    const { clock, got, feed } = play(
      [trade(1, 1, ETH), trade(2), status, trade(6, 1, ETH)],
      Number.POSITIVE_INFINITY,
    );
    clock.runUntilIdle();
    expect(got.map((g) => g.u.kind)).toEqual(['trade', 'status']);
    expect(feed.delivered).toBe(2);
  });
});

describe('candleUpdates', () => {
  const candles = candlesFromColumns('BTCUSDT', '1m', 60_000, {
    time: Float64Array.of(0, 60_000),
    open: Float64Array.of(100, 105),
    high: Float64Array.of(110, 106),
    low: Float64Array.of(95, 90),
    close: Float64Array.of(105, 92),
    volume: Float64Array.of(8, 4),
  });

  it('walks each bar along the DESIGN §4 path, then closes it as a kline', () => {
    const out = [...candleUpdates(candles)];
    const trades = out.filter((u) => u.kind === 'trade');
    // Up bar: O→L→H→C; down bar: O→H→L→C.
    expect(trades.map((t) => [t.ts, t.price, t.qty, t.side])).toEqual([
      [0, 100, 2, 'BUY'],
      [15_000, 95, 2, 'SELL'],
      [30_000, 110, 2, 'BUY'],
      [45_000, 105, 2, 'SELL'],
      [60_000, 105, 1, 'BUY'],
      [75_000, 106, 1, 'BUY'],
      [90_000, 90, 1, 'SELL'],
      [105_000, 92, 1, 'BUY'],
    ]);
    expect(out[4]).toEqual({
      kind: 'kline',
      symbol: 'BTCUSDT',
      interval: '1m',
      bar: { time: 0, open: 100, high: 110, low: 95, close: 105, volume: 8 },
      closed: true,
      ts: 59_999,
    });
    expect(out).toHaveLength(10);
    // Iterable again, from the start.
    expect([...candleUpdates(candles, { klines: false })]).toHaveLength(8);
  });

  it('replays candles through the ReplayFeed at N× speed', () => {
    const clock = new ManualScheduler();
    const feed = new ReplayFeed({ updates: candleUpdates(candles), scheduler: clock, speed: 60 });
    const at: number[] = [];
    feed.subscribe([BTC], () => at.push(clock.now()));
    clock.runUntilIdle();
    expect(at).toEqual([
      0, 250, 500, 750, 999.9833333333333, 1000, 1250, 1500, 1750, 1999.9833333333333,
    ]);
  });
});
