export type {
  LocalBinance,
  LocalBinanceControls,
  LocalBinanceOptions,
  LoggedRequest,
} from './start-local-binance';
export { startLocalBinance } from './start-local-binance';
export { BTCUSDT_SPEC } from './symbols';
export type { AccountSpec, ExchangeEvent, ExOrder, ExTrade, SymbolSpec } from './types';
export type { RateLimitSpec } from './wire-format';
