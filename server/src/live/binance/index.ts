export {
  BINANCE_REST_URL,
  BINANCE_WS_API_URL,
  BinanceSpotAdapter,
  type BinanceSpotOptions,
} from './binance-spot-adapter';
export { BinanceUnavailableError } from './order-commands';
