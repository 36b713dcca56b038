import 'fake-indexeddb/auto';
import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { BinanceFeed } from '../../../engine-core/src/market';
import { createNodeHttpGet } from '../../../server/src/data/node-http';
import { startFakeBinanceMarket } from '../../../server/src/market/testing/fake-binance-market';
import { browserScheduler } from '../market/browser-scheduler';
import { createBrowserWsConnect, type WebSocketCtor } from '../market/browser-ws';
import { IdbWalStore } from './idb-wal-store';
import type { PaperView } from './paper-api';
import { PaperRuntime } from './paper-runtime';
import { DEFAULT_PAPER_CONFIG } from './paper-runtime-config';
import { PaperSettingsStore, settingsDbName } from './paper-settings';
import { wsUrlFor } from './paper-worker-api';

// The live path: a paper runtime on Binance's public streams, served by the fake Binance on
// 127.0.0.1 (REST and WebSocket on one port, as `wsUrlFor` expects of a non-Binance base URL),
// through the browser transport with `ws`'s WebSocket standing in for the DOM one. Real timers;
// the wait caps only catch hangs.

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

describe('PaperRuntime on a live Binance feed (the fake exchange)', () => {
  it('books, trades and quality reach the view; a market order walks the exchange’s book', async () => {
    const fake = await startFakeBinanceMarket({ symbols: ['BTCUSDT'], seed: 5, levels: 200 });
    const restUrl = fake.restUrl;
    expect(wsUrlFor(restUrl)).toBe(fake.wsUrl);
    const db = 'paper-live-1';
    let view: PaperView | null = null;
    const rt = new PaperRuntime(
      {
        ...DEFAULT_PAPER_CONFIG,
        cash: 10_000_000,
        risk: { ...DEFAULT_PAPER_CONFIG.risk, maxOrderNotional: null, maxPositionNotional: null },
        viewEveryMs: 10,
      },
      {
        openStore: () => new IdbWalStore(db),
        deleteStore: () => deleteDB(db),
        settings: new PaperSettingsStore(settingsDbName(db)),
        scheduler: browserScheduler,
        liveFeed: () =>
          new BinanceFeed({
            connect: createBrowserWsConnect(WebSocket as unknown as WebSocketCtor),
            http: createNodeHttpGet(),
            scheduler: browserScheduler,
            random: Math.random,
            restUrl,
            wsUrl: wsUrlFor(restUrl),
          }),
        loadCandles: async () => undefined,
        lookupStrategy: async () => undefined,
        onView: (v) => {
          view = v;
        },
      },
    );
    done = async () => {
      await rt.close();
      await fake.close();
    };
    await rt.start();
    const v = () => view as PaperView | null;
    await waitFor('a connection', () => fake.clients === 1);
    await waitFor('the book in the view', () => {
      fake.step(1);
      return (v()?.book.asks.length ?? 0) > 0 && v()?.lastPrice !== null;
    });
    fake.step(20);
    const truth = fake.book('BTCUSDT');
    const top = (flat: number[]) => {
      const out: [number, number][] = [];
      for (let i = 0; i < 40 && i < flat.length; i += 2)
        out.push([flat[i] as number, flat[i + 1] as number]);
      return out;
    };
    await waitFor('the exchange’s book in the view', () => {
      const b = v()?.book;
      return JSON.stringify(b?.asks) === JSON.stringify(top(truth.asks));
    });
    expect(v()?.book.bids).toEqual(top(truth.bids));
    expect(['connected', 'resynced']).toContain(v()?.feedStatus);
    expect(v()?.quality?.spreadBps).toBeGreaterThan(0);
    expect(v()?.quality?.updatesPerSec).toBeGreaterThan(0);
    expect(v()?.candleInterval).toBe('1m');
    expect((v()?.candles.length ?? 0) > 0).toBe(true);

    // The book stands still now: a market buy of more than the best level walks two levels.
    const [a0, q0] = [truth.asks[0] as number, truth.asks[1] as number];
    const a1 = truth.asks[2] as number;
    const qty = Math.round((q0 + 0.5 * (truth.asks[3] as number)) * 1e5) / 1e5;
    const r = await rt.submit({
      side: 'BUY',
      type: 'MARKET',
      qty,
      tif: 'GTC',
      postOnly: false,
      reduceOnly: false,
    });
    expect(r).toEqual({ ok: true, clientOrderId: 't1' });
    await waitFor('the fills', () => (v()?.fills.length ?? 0) >= 2);
    const fills = v()?.fills.map((f) => [f.price, f.liquidity]) ?? [];
    expect(fills).toEqual([
      [a0, 'TAKER'],
      [a1, 'TAKER'],
    ]);
    expect(v()?.fills.reduce((s, f) => s + f.qty, 0)).toBeCloseTo(qty, 9);
  });
});
