import {
  type CsvParseOptions,
  type CsvParseResult,
  createCandleCsvParser,
} from '../../../engine-core/src/market';
import type { Result } from '../../../engine-core/src/util/result';

/** Bytes read and parsed per step: about 10–25 ms of parsing on a laptop. */
export const CSV_CHUNK_BYTES = 512 * 1024;

/** Options of `parseCandleBlob` beyond the parser's own. */
export interface BlobParseControl {
  /** Bytes per step (default `CSV_CHUNK_BYTES`). */
  readonly chunkBytes?: number;
  /** Called after each step with the bytes parsed so far and the total. */
  readonly onProgress?: (bytesDone: number, bytesTotal: number) => void;
  /**
   * Awaited between steps; on the main thread, hand control back to the browser here
   * (`yieldToBrowser`) so that no step blocks the UI for long. A worker leaves it out.
   */
  readonly pause?: () => Promise<void>;
  /** Stops early: the result is then `cancelled`. */
  readonly isCancelled?: () => boolean;
}

/** The message of a parse that was cancelled. */
export const PARSE_CANCELLED = 'cancelled';

/** Resolves after the browser had a chance to paint and handle input. */
export function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Parses a CSV file (a `Blob`/`File`) into candles, step by step: each step reads `chunkBytes`,
 * decodes them as UTF-8 (a character split across steps is kept whole) and feeds the streaming
 * parser, so memory holds one step of text, not the whole file. Errors are the parser's
 * `file:line: reason`.
 */
export async function parseCandleBlob(
  blob: Blob,
  options: CsvParseOptions,
  control: BlobParseControl = {},
): Promise<Result<CsvParseResult, string>> {
  const step = Math.max(1, control.chunkBytes ?? CSV_CHUNK_BYTES);
  const parser = createCandleCsvParser({ sizeHint: blob.size, ...options });
  const decoder = new TextDecoder('utf-8');
  for (let at = 0; at < blob.size; at += step) {
    if (control.isCancelled?.() === true) return { ok: false, error: PARSE_CANCELLED };
    const bytes = await blob.slice(at, Math.min(blob.size, at + step)).arrayBuffer();
    parser.push(decoder.decode(bytes, { stream: true }));
    control.onProgress?.(Math.min(blob.size, at + step), blob.size);
    if (control.pause !== undefined && at + step < blob.size) await control.pause();
  }
  parser.push(decoder.decode());
  return parser.end();
}
