import type { CsvParseResult } from '../../../engine-core/src/market';
import {
  candlesFromTradeCsv,
  detectGaps,
  intervalToMs,
  isKlineInterval,
  symbolFromFileName,
} from '../../../engine-core/src/market';
import type { Result } from '../../../engine-core/src/util/result';

/** What to make of a trades file (`--data-type trade --interval …`). */
export interface TradeParseOptions {
  readonly fileName: string;
  readonly interval: string;
  readonly symbol?: string;
}

/** A trades file made into bars, with the candle parser's result shape (nothing skipped). */
export type TradeParseResult = Omit<CsvParseResult, 'layout' | 'timeUnit'> & {
  readonly trades: number;
};

/**
 * Bars of `interval` from a trades CSV (the seed's headerless `timestamp,price,qty`, Binance's
 * aggTrades dump, or named columns) through engine-core's loader, as `--source csv --data-type
 * trade` does. The loader takes the whole text, so the file is read at once; errors are its
 * `file:line: reason` (a trades file must be clean: no skipping).
 */
export async function parseTradeBlob(
  blob: Blob,
  options: TradeParseOptions,
): Promise<Result<TradeParseResult, string>> {
  if (!isKlineInterval(options.interval))
    return { ok: false, error: `"${options.interval}" is not an interval` };
  const intervalMs = intervalToMs(options.interval);
  const symbol = options.symbol ?? symbolFromFileName(options.fileName);
  const r = candlesFromTradeCsv(await blob.text(), {
    fileName: options.fileName,
    symbol,
    interval: options.interval,
    intervalMs,
  });
  if (!r.ok) return r;
  const { candles, trades } = r.value;
  if (candles.length === 0) return { ok: false, error: `${options.fileName}: no trades` };
  return {
    ok: true,
    value: {
      candles,
      trades,
      skipped: [],
      skippedCount: 0,
      gaps: detectGaps(candles.time, intervalMs, candles.length),
    },
  };
}
