import type { Rng } from '../../util/rng';
import type { HttpGet } from '../http-get';
import type { BackoffOptions } from './backoff';
import { BINANCE_REST_URL, BINANCE_WS_URL, type BinanceStreamSet } from './binance-streams';
import type { Scheduler } from './scheduler';
import type { WsConnect } from './ws-transport';

/** Settings of a `BinanceFeed`. Only the platform parts are required. */
export interface BinanceFeedOptions {
  /** Opens WebSockets (browser: `web/src/market`, Node: `server/src/market`). */
  readonly connect: WsConnect;
  /** GETs depth snapshots. */
  readonly http: HttpGet;
  /** Time and timers. */
  readonly scheduler: Scheduler;
  /** Jitter of the backoffs (a seeded `mulberry32` in tests). */
  readonly random: Rng;
  /** Default `wss://stream.binance.com:9443`; a local server in tests. */
  readonly wsUrl?: string;
  /** Default `https://api.binance.com`. */
  readonly restUrl?: string;
  /** Streams of `subscribe` (default trade, bookTicker and depth). */
  readonly streams?: BinanceStreamSet;
  /** Diff depth stream speed: 100 (default) or 1000 ms. */
  readonly depthSpeedMs?: 100 | 1000;
  /** Snapshot levels per side (default 1000, request weight 50; Binance allows up to 5000). */
  readonly depthLimit?: number;
  /** No message for this long (default 15 000 ms) → `stale`, then reconnect. */
  readonly staleAfterMs?: number;
  /** Reconnect delays (default 500 ms doubling to 30 s, with jitter). */
  readonly reconnectBackoff?: BackoffOptions;
  /** Snapshot retry delays (default 1 s doubling to 60 s, with jitter). */
  readonly snapshotBackoff?: BackoffOptions;
  /** Snapshot request timeout (default 10 000 ms). */
  readonly snapshotTimeoutMs?: number;
  /** Diffs buffered per symbol while a snapshot is awaited (default 2000). */
  readonly maxBufferedDiffs?: number;
}

/** `BinanceFeedOptions` with every default filled in. */
export type ResolvedBinanceFeedOptions = Required<BinanceFeedOptions>;

/** Fills in the defaults. */
export function resolveBinanceFeedOptions(o: BinanceFeedOptions): ResolvedBinanceFeedOptions {
  return {
    connect: o.connect,
    http: o.http,
    scheduler: o.scheduler,
    random: o.random,
    wsUrl: o.wsUrl ?? BINANCE_WS_URL,
    restUrl: o.restUrl ?? BINANCE_REST_URL,
    streams: o.streams ?? { trade: true, bookTicker: true, depth: true },
    depthSpeedMs: o.depthSpeedMs ?? 100,
    depthLimit: o.depthLimit ?? 1000,
    staleAfterMs: o.staleAfterMs ?? 15_000,
    reconnectBackoff: o.reconnectBackoff ?? { baseMs: 500, maxMs: 30_000 },
    snapshotBackoff: o.snapshotBackoff ?? { baseMs: 1_000, maxMs: 60_000 },
    snapshotTimeoutMs: o.snapshotTimeoutMs ?? 10_000,
    maxBufferedDiffs: o.maxBufferedDiffs ?? 2000,
  };
}
