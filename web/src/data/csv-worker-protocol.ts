import type { Result } from '../../../engine-core/src/util/result';
import type { CsvImportSummary, CsvSaveInfo, ImportParseOptions } from './csv-import-session';
import type { DatasetMeta } from './dataset-store';

/** What the page posts to the CSV worker: one file to parse, then (maybe) a save. */
export type CsvWorkerRequest =
  | {
      readonly type: 'parse';
      readonly file: Blob & { readonly name: string };
      readonly options: ImportParseOptions;
    }
  | { readonly type: 'save'; readonly info: CsvSaveInfo };

/** What the CSV worker posts back: progress, one `parsed`, then one `saved` per save. */
export type CsvWorkerReply =
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | { readonly type: 'parsed'; readonly result: Result<CsvImportSummary, string> }
  | { readonly type: 'saved'; readonly result: Result<DatasetMeta, string> };
