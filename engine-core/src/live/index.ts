// Paper and live: a strategy hosted against a running engine.
export { GrowingCandles } from './growing-candles';
export { StrategyHost, type StrategyHostOptions } from './strategy-host';
