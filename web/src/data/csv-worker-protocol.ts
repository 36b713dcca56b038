import type { Candles, CsvParseOptions, CsvParseResult } from '../../../engine-core/src/market';
import type { Result } from '../../../engine-core/src/util/result';

/** What the page posts to the CSV worker: one file to parse. */
export interface CsvWorkerRequest {
  readonly file: Blob & { readonly name: string };
  readonly options: CsvParseOptions;
}

/** What the CSV worker posts back: progress, then one `done`. */
export type CsvWorkerReply =
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | { readonly type: 'done'; readonly result: Result<CsvParseResult, string> };

/** The distinct buffers under the columns of `c` (a buffer may appear in a transfer list once). */
export function transferablesOf(c: Candles): ArrayBuffer[] {
  const set = new Set<ArrayBuffer>();
  for (const col of [c.time, c.open, c.high, c.low, c.close, c.volume]) {
    if (col.buffer instanceof ArrayBuffer && col.buffer.byteLength > 0) set.add(col.buffer);
  }
  return [...set];
}
