import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { BinanceFeed } from '../../../engine-core/src/market';
import { symbolId } from '../../../engine-core/src/model';
import type { MarketUpdate } from '../../../engine-core/src/venue';
import { createNodeHttpGet } from '../../../server/src/data/node-http';
import { startFakeBinanceMarket } from '../../../server/src/market/testing/fake-binance-market';
import { browserScheduler } from './browser-scheduler';
import { createBrowserWsConnect, type WebSocketCtor } from './browser-ws';

// The browser transport against the fake Binance, with `ws`'s WebSocket standing in for the DOM
// one (same event API). The wait caps only catch hangs.

const BTC = symbolId('BTCUSDT');
let done: (() => Promise<void>) | null = null;
afterEach(async () => {
  await done?.();
  done = null;
});

async function waitFor(what: string, cond: () => boolean): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > 20_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('browser WebSocket transport', () => {
  it('feeds BinanceFeed: the rebuilt book equals the exchange book', async () => {
    const fake = await startFakeBinanceMarket({ symbols: ['BTCUSDT'], seed: 3, levels: 200 });
    const feed = new BinanceFeed({
      connect: createBrowserWsConnect(WebSocket as unknown as WebSocketCtor),
      http: createNodeHttpGet(),
      scheduler: browserScheduler,
      random: Math.random,
      wsUrl: fake.wsUrl,
      restUrl: fake.restUrl,
      streams: { depth: true, trade: true },
    });
    const got: MarketUpdate[] = [];
    const stop = feed.subscribe([BTC], (u) => got.push(u));
    done = async () => {
      stop();
      await fake.close();
    };
    await waitFor('a connection', () => fake.clients === 1);
    await waitFor('the book', () => {
      if (feed.book(BTC) === null) fake.step(1);
      return feed.book(BTC) !== null;
    });
    fake.step(50);
    const truth = fake.book(BTC);
    await waitFor('the last diff', () => feed.book(BTC)?.updateId === truth.updateId);
    expect(feed.book(BTC)?.levels('bid')).toEqual(truth.bids);
    expect(feed.book(BTC)?.levels('ask')).toEqual(truth.asks);
    expect(got.some((u) => u.kind === 'trade')).toBe(true);
    expect(got.some((u) => u.kind === 'status' && u.status === 'error')).toBe(false);
  });
});
