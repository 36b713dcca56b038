// Live market data in the browser: the platform parts of engine-core's BinanceFeed.
export { type BrowserBinanceFeedOptions, createBrowserBinanceFeed } from './browser-binance-feed';
export { browserScheduler } from './browser-scheduler';
export {
  type BrowserWebSocketLike,
  createBrowserWsConnect,
  type WebSocketCtor,
} from './browser-ws';
