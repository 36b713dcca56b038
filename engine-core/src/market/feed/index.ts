// Live and replayed market data: Binance streams, replay, book tracking, quality, trade bars.
// Internals (field readers, the session and depth channel, testing/) stay private.

export { type BackoffOptions, backoffDelay } from './backoff';
export { BinanceFeed } from './binance-feed';
export type { BinanceFeedOptions } from './binance-feed-options';
export {
  BINANCE_REST_URL,
  BINANCE_WS_URL,
  type BinanceStreamSet,
  binanceStreamNames,
  combinedStreamUrl,
  depthSnapshotUrl,
} from './binance-streams';
export { BookTracker } from './book-tracker';
export { type CandleUpdatesOptions, candleUpdates } from './candle-updates';
export { ManualScheduler } from './manual-scheduler';
export {
  MarketQuality,
  type MarketQualityOptions,
  type MarketQualitySnapshot,
} from './market-quality';
export { parseBinanceStreamMessage } from './parse-binance-stream';
export { parseDepthSnapshot } from './parse-depth-snapshot';
export { encodeMarketUpdatesNdjson, parseMarketUpdatesNdjson } from './recorded-updates';
export { ReplayFeed, type ReplayFeedOptions, type ReplayState } from './replay-feed';
export type { Scheduler, TimerHandle } from './scheduler';
export { TradeBars } from './trade-bars';
export type { WsConnect, WsConnection, WsHandlers } from './ws-transport';
