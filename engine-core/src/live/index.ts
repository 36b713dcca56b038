// Paper and live: a strategy hosted against a running engine.
export { GrowingCandles } from './growing-candles';
export { type FeedClock, PaperSession, type PaperSessionOptions } from './paper-session';
export { StrategyHost, type StrategyHostOptions } from './strategy-host';
