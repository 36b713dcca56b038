import type { CsvParseOptions, CsvParseResult } from '../../../engine-core/src/market';
import type { Result } from '../../../engine-core/src/util/result';
import { PARSE_CANCELLED, parseCandleBlob, yieldToBrowser } from './csv-blob-parse';
import type { CsvWorkerReply, CsvWorkerRequest } from './csv-worker-protocol';

/** A CSV parse under way. */
export interface CsvParseJob {
  /** The candles, or `file:line: reason`, or `PARSE_CANCELLED`. Never rejects. */
  readonly done: Promise<Result<CsvParseResult, string>>;
  /** Stops the parse; `done` then resolves with `PARSE_CANCELLED`. */
  cancel(): void;
}

/** Options of `startCsvParse`. */
export interface CsvParseJobOptions {
  readonly skipBadRows?: boolean;
  /** Overrides the symbol guessed from the file name. */
  readonly symbol?: string;
  /** Bytes done and total, a few times a second. */
  readonly onProgress?: (done: number, total: number) => void;
  /** `false` parses on the main thread in small steps (tests; or when workers fail). */
  readonly useWorker?: boolean;
}

/** Bytes per step on the main thread: a few ms each, so input and paint go on. */
const MAIN_THREAD_CHUNK_BYTES = 256 * 1024;

/** True when a result is the cancellation, not a parse error. */
export const isCancelledParse = (r: Result<CsvParseResult, string>): boolean =>
  !r.ok && r.error === PARSE_CANCELLED;

/**
 * Parses a candle CSV file off the UI thread: in a dedicated worker when the browser has them,
 * else on the main thread in 256 KiB steps with a yield between steps. Errors read
 * `file.csv:LINE: reason`, as the parser writes them.
 */
export function startCsvParse(
  file: Blob & { readonly name: string },
  opts: CsvParseJobOptions = {},
): CsvParseJob {
  const options: CsvParseOptions = {
    fileName: file.name,
    skipBadRows: opts.skipBadRows === true,
    ...(opts.symbol !== undefined && opts.symbol !== '' ? { symbol: opts.symbol } : {}),
  };
  if (opts.useWorker === false || typeof Worker === 'undefined') {
    return mainThreadJob(file, options, opts.onProgress);
  }
  let worker: Worker;
  try {
    worker = new Worker(new URL('./csv-parse.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return mainThreadJob(file, options, opts.onProgress);
  }
  let fallback: CsvParseJob | null = null;
  let settle: (r: Result<CsvParseResult, string>) => void = () => undefined;
  const done = new Promise<Result<CsvParseResult, string>>((resolve) => {
    settle = resolve;
  });
  const finish = (r: Result<CsvParseResult, string>): void => {
    worker.terminate();
    settle(r);
  };
  worker.addEventListener('message', (e: MessageEvent<CsvWorkerReply>) => {
    const m = e.data;
    if (m.type === 'progress') opts.onProgress?.(m.done, m.total);
    else finish(m.result);
  });
  worker.addEventListener('error', (e) => {
    // The worker could not start or crashed: parse here instead, in small steps.
    e.preventDefault();
    worker.terminate();
    console.warn('VeloZ: the CSV worker failed; parsing on the page', e.message);
    fallback = mainThreadJob(file, options, opts.onProgress);
    fallback.done.then(settle);
  });
  const request: CsvWorkerRequest = { file, options };
  worker.postMessage(request);
  return {
    done,
    cancel() {
      if (fallback !== null) fallback.cancel();
      else finish({ ok: false, error: PARSE_CANCELLED });
    },
  };
}

function mainThreadJob(
  file: Blob,
  options: CsvParseOptions,
  onProgress: ((done: number, total: number) => void) | undefined,
): CsvParseJob {
  let cancelled = false;
  const done = parseCandleBlob(file, options, {
    chunkBytes: MAIN_THREAD_CHUNK_BYTES,
    pause: yieldToBrowser,
    isCancelled: () => cancelled,
    ...(onProgress !== undefined ? { onProgress } : {}),
  }).catch((e: unknown): Result<CsvParseResult, string> => {
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, error: `${options.fileName}: ${message}` };
  });
  return {
    done: done.then((r) => (cancelled ? { ok: false, error: PARSE_CANCELLED } : r)),
    cancel() {
      cancelled = true;
    },
  };
}
