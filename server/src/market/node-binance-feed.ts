import { BinanceFeed, type BinanceFeedOptions } from '../../../engine-core/src';
import { createNodeHttpGet } from '../data/node-http';
import { createNodeWsConnect } from './node-ws';
import { systemScheduler } from './system-scheduler';

/** `BinanceFeedOptions` without the platform parts, which Node fills in (all may be replaced). */
export type NodeBinanceFeedOptions = Omit<
  BinanceFeedOptions,
  'connect' | 'http' | 'scheduler' | 'random'
> &
  Partial<Pick<BinanceFeedOptions, 'connect' | 'http' | 'scheduler' | 'random'>>;

/**
 * A `BinanceFeed` for Node: `ws` sockets, `fetch` for snapshots, wall time, `Math.random` jitter.
 * Real endpoints by default; `wsUrl` and `restUrl` point it elsewhere (a local fake in tests).
 */
export function createNodeBinanceFeed(options: NodeBinanceFeedOptions = {}): BinanceFeed {
  return new BinanceFeed({
    ...options,
    connect: options.connect ?? createNodeWsConnect(),
    http: options.http ?? createNodeHttpGet(),
    scheduler: options.scheduler ?? systemScheduler,
    random: options.random ?? Math.random,
  });
}
