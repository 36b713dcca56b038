import { BinanceFeed, type BinanceFeedOptions } from '../../../engine-core/src/market';
import { createFetchHttpGet } from '../data/fetch-http';
import { browserScheduler } from './browser-scheduler';
import { createBrowserWsConnect } from './browser-ws';

/** `BinanceFeedOptions` without the platform parts, which the browser fills in (all replaceable). */
export type BrowserBinanceFeedOptions = Omit<
  BinanceFeedOptions,
  'connect' | 'http' | 'scheduler' | 'random'
> &
  Partial<Pick<BinanceFeedOptions, 'connect' | 'http' | 'scheduler' | 'random'>>;

/**
 * A `BinanceFeed` for the page or the engine worker: the global `WebSocket`, `fetch` for depth
 * snapshots (Binance's public endpoints allow any origin), wall time, `Math.random` jitter. Real
 * endpoints by default; `wsUrl` and `restUrl` (the Settings page's Binance base URL) override them.
 */
export function createBrowserBinanceFeed(options: BrowserBinanceFeedOptions = {}): BinanceFeed {
  return new BinanceFeed({
    ...options,
    connect: options.connect ?? createBrowserWsConnect(),
    http: options.http ?? createFetchHttpGet(),
    scheduler: options.scheduler ?? browserScheduler,
    random: options.random ?? Math.random,
  });
}
