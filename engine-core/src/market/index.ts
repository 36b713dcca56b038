// Market data: columnar candles, CSV loading, resampling, gaps, Binance klines download; the
// order book (book/) and live and replayed feeds (feed/).
// Internals (number and time readers, the requester, abort helpers, testing/) stay private.

export { barProblem } from './bar-check';
export {
  AGG_TRADES_LIMIT,
  AGG_TRADES_WINDOW_MS,
  type AggTradeBarsOptions,
  type AggTradeBarsResult,
  type AggTradeProgress,
  downloadAggTradeBars,
} from './binance-agg-trades';
export {
  BINANCE_KLINE_FIELDS,
  type KlineReplyExpectation,
  parseKlineReply,
} from './binance-kline-reply';
export {
  BINANCE_KLINES_LIMIT,
  type DownloadKlinesOptions,
  type DownloadProgress,
  type DownloadResult,
  downloadKlines,
  klinesUrl,
} from './binance-klines';
export * from './book';
export { CandleBuilder } from './candle-builder';
export {
  barAt,
  CANDLE_COLUMNS,
  type CandleBar,
  type CandleColumn,
  type CandleColumns,
  type Candles,
  candlesFromColumns,
  concatCandles,
  emptyCandles,
  lowerBound,
  sliceCandles,
  sliceCandlesByTime,
  upperBound,
} from './candles';
export { CANONICAL_HEADER, type CsvLayout, detectLayout, type LayoutInfo } from './csv-layout';
export {
  type CandleCsvParser,
  type CsvParseOptions,
  type CsvParseResult,
  createCandleCsvParser,
  MAX_LINE_LENGTH,
  MAX_SKIPPED_LISTED,
  parseCandleCsv,
  type SkippedRow,
} from './csv-parser';
export * from './feed';
export { countMissingBars, detectGaps, type Gap } from './gaps';
export {
  type AbortSignalLike,
  type HttpGet,
  type HttpGetInit,
  type HttpResponse,
  headerValue,
} from './http-get';
export {
  bucketStart,
  intervalOrigin,
  intervalToMs,
  isAnchoredInterval,
  isKlineInterval,
  KLINE_INTERVALS,
  type KlineInterval,
  msToInterval,
  parseInterval,
  WEEK_ORIGIN_MS,
} from './intervals';
export { KlineAggregator, type KlineAggregatorOptions, type TradeTick } from './kline-aggregator';
export type { KlineCache } from './kline-cache';
export type { DownloadError } from './kline-requester';
export { MemoryKlineCache } from './memory-kline-cache';
export { type PartialBucket, type ResampleResult, resample } from './resample';
export { symbolFromFileName } from './symbol-from-file-name';
export {
  DEFAULT_REGIME_SWITCH_RATE,
  DEFAULT_SYNTHETIC_REGIMES,
  formatSyntheticRegimes,
  MAX_SYNTHETIC_DRIFT,
  MAX_SYNTHETIC_REGIMES,
  MAX_SYNTHETIC_VOL,
  MAX_VOLATILITY_SCALE,
  parseSyntheticRegimes,
  type SyntheticRegime,
  type SyntheticRegimeOptions,
} from './synthetic-regimes';
export { SAMPLE_LABEL, type SyntheticSampleOptions, syntheticSample } from './synthetic-sample';
export { type TimeUnit, timeUnitName } from './timestamp-reader';
export { candlesFromTradeCsv } from './trade-csv';
export { WeightBudget } from './weight-budget';
