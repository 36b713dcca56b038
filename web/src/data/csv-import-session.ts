import {
  type Candles,
  type CsvLayout,
  type CsvParseOptions,
  type CsvParseResult,
  candlesFromColumns,
  countMissingBars,
  type SkippedRow,
  type TimeUnit,
} from '../../../engine-core/src/market';
import type { Result } from '../../../engine-core/src/util/result';
import { type BlobParseControl, parseCandleBlob } from './csv-blob-parse';
import { type DatasetMeta, saveDataset } from './dataset-store';
import { parseTradeBlob, type TradeParseResult } from './trade-import';

/** The candle parser's options, or, with `tradeInterval`, a trades file made into such bars. */
export type ImportParseOptions = CsvParseOptions & { readonly tradeInterval?: string };

/** What the page shows of a parsed file: everything but the bars. */
export interface CsvImportSummary {
  readonly fileName: string;
  readonly rows: number;
  /** Guessed from the file name (`''` when none), or the one asked for. */
  readonly symbol: string;
  readonly interval: string;
  readonly intervalMs: number;
  /** Open times of the first and last bar (ms). */
  readonly from: number;
  readonly to: number;
  readonly gaps: number;
  readonly missingBars: number;
  /** The first skipped rows (the parser lists up to 1 000); `skippedCount` counts all. */
  readonly skipped: readonly SkippedRow[];
  readonly skippedCount: number;
  /** `trades` for a trades file (its time unit is not reported: `timeUnit` is null). */
  readonly layout: CsvLayout | 'trades';
  readonly timeUnit: TimeUnit | null;
  /** Trades read, for a trades file; null for klines. */
  readonly trades: number | null;
}

/** What the user settled on before saving. */
export interface CsvSaveInfo {
  readonly name: string;
  readonly symbol: string;
  readonly note: string | null;
}

/** The summary of a parse. */
export function summarizeParse(
  fileName: string,
  r: CsvParseResult | TradeParseResult,
): CsvImportSummary {
  const trades = 'trades' in r;
  const c = r.candles;
  return {
    fileName,
    rows: c.length,
    symbol: c.symbol,
    interval: c.interval,
    intervalMs: c.intervalMs,
    from: c.time[0] as number,
    to: c.time[c.length - 1] as number,
    gaps: r.gaps.length,
    missingBars: countMissingBars(r.gaps),
    skipped: r.skipped,
    skippedCount: r.skippedCount,
    layout: trades ? 'trades' : r.layout,
    timeUnit: trades ? null : r.timeUnit,
    trades: trades ? r.trades : null,
  };
}

/**
 * One file's import where the bars live: parse, keep the bars, save them on request. It runs in
 * the CSV worker (so neither parsing nor the IndexedDB write of a big file touches the UI
 * thread) or, as a fallback, on the page.
 */
export class CsvImportSession {
  private _parsed: Candles | null = null;

  /** Parses `file`; the bars stay here, the summary goes back. */
  async parse(
    file: Blob,
    options: ImportParseOptions,
    control: BlobParseControl = {},
  ): Promise<Result<CsvImportSummary, string>> {
    this._parsed = null;
    const { tradeInterval, ...csv } = options;
    const r =
      tradeInterval === undefined
        ? await parseCandleBlob(file, csv, control)
        : await parseTradeBlob(file, {
            fileName: csv.fileName,
            interval: tradeInterval,
            ...(csv.symbol !== undefined ? { symbol: csv.symbol } : {}),
          });
    if (!r.ok) return r;
    this._parsed = r.value.candles;
    return { ok: true, value: summarizeParse(options.fileName, r.value) };
  }

  /** Stores the parsed bars as a `csv` dataset under the symbol and name chosen. */
  async save(info: CsvSaveInfo): Promise<Result<DatasetMeta, string>> {
    const c = this._parsed;
    if (c === null) return { ok: false, error: 'nothing parsed to save' };
    try {
      const meta = await saveDataset(
        candlesFromColumns(info.symbol.trim(), c.interval, c.intervalMs, c),
        { name: info.name.trim(), source: 'csv', note: info.note },
      );
      this._parsed = null;
      return { ok: true, value: meta };
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
  }
}
