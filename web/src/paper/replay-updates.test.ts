import { describe, expect, it } from 'vitest';
import { candleUpdates, syntheticSample } from '../../../engine-core/src/market';
import { symbolId } from '../../../engine-core/src/model';
import type { MarketUpdate } from '../../../engine-core/src/venue';
import { replayUpdates } from './replay-updates';

const BTC = symbolId('BTCUSDT');
const C = syntheticSample({ bars: 30 });

describe('replayUpdates', () => {
  it('the trades of candleUpdates, each followed by a one-level book a tick around it', () => {
    const all = [...replayUpdates(C, { symbol: BTC, tickSize: 0.01 })];
    const trades = [...candleUpdates(C, { symbol: BTC, klines: false })];
    expect(all.filter((u) => u.kind === 'trade')).toEqual(trades);
    expect(all).toHaveLength(2 * trades.length);
    for (let i = 0; i < all.length; i += 2) {
      const t = all[i] as Extract<MarketUpdate, { kind: 'trade' }>;
      const d = all[i + 1] as Extract<MarketUpdate, { kind: 'depth' }>;
      expect(d).toMatchObject({ kind: 'depth', symbol: BTC, reset: true, ts: t.ts });
      expect(d.bids).toEqual([t.price - 0.01, t.qty]);
      expect(d.asks).toEqual([t.price + 0.01, t.qty]);
    }
  });

  it('resumes strictly after `after`, mid-bar included', () => {
    const all = [...replayUpdates(C, { symbol: BTC, tickSize: 0.01 })];
    const cut = all[37] as MarketUpdate; // inside some bar
    const rest = [...replayUpdates(C, { symbol: BTC, tickSize: 0.01, after: cut.ts })];
    const expected = all.filter((u) => u.ts > cut.ts);
    expect(rest.map((u) => [u.kind, u.ts])).toEqual(expected.map((u) => [u.kind, u.ts]));
    expect(rest.length).toBeGreaterThan(0);
    const end = (C.time[C.length - 1] as number) + C.intervalMs;
    expect([...replayUpdates(C, { symbol: BTC, tickSize: 0.01, after: end })]).toEqual([]);
  });
});
