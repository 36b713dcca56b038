import type { Result } from '../../../engine-core/src/util/result';
import { PARSE_CANCELLED, yieldToBrowser } from './csv-blob-parse';
import {
  CsvImportSession,
  type CsvImportSummary,
  type CsvSaveInfo,
  type ImportParseOptions,
} from './csv-import-session';
import type { CsvWorkerReply, CsvWorkerRequest } from './csv-worker-protocol';
import type { DatasetMeta } from './dataset-store';

type Parsed = Result<CsvImportSummary, string>;
type Saved = Result<DatasetMeta, string>;

/** One file's import: its parse, then saving it. */
export interface CsvImportJob {
  /** The summary, or `file:line: reason`, or `PARSE_CANCELLED`. Never rejects. */
  readonly parsed: Promise<Parsed>;
  /** Stores the parsed bars as a dataset. Never rejects. */
  save(info: CsvSaveInfo): Promise<Saved>;
  /** Stops the parse (`parsed` then gives `PARSE_CANCELLED`) and frees the bars. */
  dispose(): void;
}

/** Options of `startCsvImport`. */
export interface CsvImportOptions {
  readonly skipBadRows?: boolean;
  /** Reads a trades file (`--data-type trade`) and makes bars of this interval. */
  readonly tradeInterval?: string;
  /** Overrides the symbol guessed from the file name. */
  readonly symbol?: string;
  /** Bytes done and total, a few times a second. */
  readonly onProgress?: (done: number, total: number) => void;
  /** `false` works on the main thread in small steps (tests; or when workers fail). */
  readonly useWorker?: boolean;
}

/** Bytes per step on the main thread: a few ms each, so input and paint go on. */
const MAIN_THREAD_CHUNK_BYTES = 256 * 1024;

/** True when a parse result is the cancellation, not a parse error. */
export const isCancelledParse = (r: Parsed): boolean => !r.ok && r.error === PARSE_CANCELLED;

/**
 * Imports a candle CSV file off the UI thread: a dedicated worker parses it and keeps the bars
 * until `save` stores them (so a file of millions of rows never crosses to the page), or, when
 * workers are unavailable, the page does it in 256 KiB steps with a yield between steps.
 * Errors read `file.csv:LINE: reason`, as the parser writes them.
 */
export function startCsvImport(
  file: Blob & { readonly name: string },
  opts: CsvImportOptions = {},
): CsvImportJob {
  const options: ImportParseOptions = {
    fileName: file.name,
    skipBadRows: opts.skipBadRows === true,
    ...(opts.tradeInterval !== undefined ? { tradeInterval: opts.tradeInterval } : {}),
    ...(opts.symbol !== undefined && opts.symbol !== '' ? { symbol: opts.symbol } : {}),
  };
  if (opts.useWorker === false || typeof Worker === 'undefined') {
    return mainThreadJob(file, options, opts.onProgress);
  }
  try {
    return workerJob(
      new Worker(new URL('./csv-parse.worker.ts', import.meta.url), { type: 'module' }),
      file,
      options,
      opts.onProgress,
    );
  } catch {
    return mainThreadJob(file, options, opts.onProgress);
  }
}

function workerJob(
  worker: Worker,
  file: Blob & { readonly name: string },
  options: ImportParseOptions,
  onProgress: ((done: number, total: number) => void) | undefined,
): CsvImportJob {
  let fallback: CsvImportJob | null = null;
  let parsedDone = false;
  let settleParsed: (r: Parsed) => void = () => undefined;
  const parsed = new Promise<Parsed>((resolve) => {
    settleParsed = (r) => {
      parsedDone = true;
      resolve(r);
    };
  });
  let settleSave: ((r: Saved) => void) | null = null;
  const post = (m: CsvWorkerRequest): void => worker.postMessage(m);

  worker.addEventListener('message', (e: MessageEvent<CsvWorkerReply>) => {
    const m = e.data;
    if (m.type === 'progress') onProgress?.(m.done, m.total);
    else if (m.type === 'parsed') settleParsed(m.result);
    else {
      settleSave?.(m.result);
      settleSave = null;
    }
  });
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    worker.terminate();
    if (!parsedDone) {
      // The worker could not start or crashed while parsing: do it on the page instead.
      console.warn('VeloZ: the CSV worker failed; importing on the page', e.message);
      fallback = mainThreadJob(file, options, onProgress);
      fallback.parsed.then(settleParsed);
    } else {
      settleSave?.({ ok: false, error: `the import worker stopped: ${e.message}` });
      settleSave = null;
    }
  });
  post({ type: 'parse', file, options });

  return {
    parsed,
    save(info) {
      if (fallback !== null) return fallback.save(info);
      if (settleSave !== null) return Promise.resolve({ ok: false, error: 'already saving' });
      return new Promise<Saved>((resolve) => {
        settleSave = resolve;
        post({ type: 'save', info });
      });
    },
    dispose() {
      fallback?.dispose();
      worker.terminate();
      settleParsed({ ok: false, error: PARSE_CANCELLED });
      settleSave?.({ ok: false, error: PARSE_CANCELLED });
      settleSave = null;
    },
  };
}

function mainThreadJob(
  file: Blob,
  options: ImportParseOptions,
  onProgress: ((done: number, total: number) => void) | undefined,
): CsvImportJob {
  let disposed = false;
  const session = new CsvImportSession();
  const parsed = session
    .parse(file, options, {
      chunkBytes: MAIN_THREAD_CHUNK_BYTES,
      pause: yieldToBrowser,
      isCancelled: () => disposed,
      ...(onProgress !== undefined ? { onProgress } : {}),
    })
    .catch((e: unknown): Parsed => {
      const message = e instanceof Error ? e.message : String(e);
      return { ok: false, error: `${options.fileName}: ${message}` };
    })
    .then((r): Parsed => (disposed ? { ok: false, error: PARSE_CANCELLED } : r));
  return {
    parsed,
    save: (info) =>
      disposed ? Promise.resolve({ ok: false, error: PARSE_CANCELLED }) : session.save(info),
    dispose() {
      disposed = true;
    },
  };
}
