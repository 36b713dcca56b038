import type { CsvImportSummary } from '../../data/csv-import-session';
import type { DatasetMeta } from '../../data/dataset-store';

/** The file being imported (a `File` in the page; anything with a name and size in tests). */
export type ImportFile = Blob & { readonly name: string };

/** Where a CSV import stands. */
export type ImportState =
  | { readonly phase: 'idle'; readonly saved: DatasetMeta | null }
  | {
      readonly phase: 'parsing';
      readonly file: ImportFile;
      readonly skipBadRows: boolean;
      readonly done: number;
      readonly total: number;
    }
  | {
      readonly phase: 'failed';
      readonly file: ImportFile;
      readonly skipBadRows: boolean;
      readonly error: string;
    }
  | {
      readonly phase: 'ready' | 'saving';
      readonly file: ImportFile;
      readonly skipBadRows: boolean;
      readonly result: CsvImportSummary;
      readonly name: string;
      readonly symbol: string;
      readonly saveError: string | null;
    };

/** What happens to an import. */
export type ImportAction =
  | { readonly type: 'start'; readonly file: ImportFile; readonly skipBadRows: boolean }
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | { readonly type: 'parsed'; readonly result: CsvImportSummary }
  | { readonly type: 'parse_failed'; readonly error: string }
  | { readonly type: 'edit'; readonly name?: string; readonly symbol?: string }
  | { readonly type: 'save' }
  | { readonly type: 'saved'; readonly meta: DatasetMeta }
  | { readonly type: 'save_failed'; readonly error: string }
  | { readonly type: 'reset' };

/** The state before anything was picked. */
export const IDLE: ImportState = { phase: 'idle', saved: null };

/** The reducer of the import panel; actions that do not fit the phase are ignored. */
export function importReducer(s: ImportState, a: ImportAction): ImportState {
  switch (a.type) {
    case 'start':
      return {
        phase: 'parsing',
        file: a.file,
        skipBadRows: a.skipBadRows,
        done: 0,
        total: a.file.size,
      };
    case 'progress':
      return s.phase === 'parsing' ? { ...s, done: a.done, total: a.total } : s;
    case 'parsed':
      if (s.phase !== 'parsing') return s;
      return {
        phase: 'ready',
        file: s.file,
        skipBadRows: s.skipBadRows,
        result: a.result,
        name: datasetNameOf(s.file.name),
        symbol: a.result.symbol,
        saveError: null,
      };
    case 'parse_failed':
      if (s.phase !== 'parsing') return s;
      return { phase: 'failed', file: s.file, skipBadRows: s.skipBadRows, error: a.error };
    case 'edit':
      if (s.phase !== 'ready') return s;
      return {
        ...s,
        name: a.name ?? s.name,
        symbol: a.symbol !== undefined ? a.symbol.toUpperCase() : s.symbol,
      };
    case 'save':
      return s.phase === 'ready' && importProblem(s) === null
        ? { ...s, phase: 'saving', saveError: null }
        : s;
    case 'saved':
      return s.phase === 'saving' ? { phase: 'idle', saved: a.meta } : s;
    case 'save_failed':
      return s.phase === 'saving' ? { ...s, phase: 'ready', saveError: a.error } : s;
    case 'reset':
      return IDLE;
  }
}

/** A dataset name from a file name: without its folder and `.csv`/`.txt` extension. */
export function datasetNameOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const name = base.replace(/\.(csv|txt)$/i, '').trim();
  return name === '' ? base : name;
}

/** Letters, digits and `-_.:/`, as exchanges and data vendors write symbols. */
const SYMBOL_RE = /^[A-Z0-9][A-Z0-9._:/-]{0,39}$/;

/** Why a ready import cannot be saved yet, or null. */
export function importProblem(s: { readonly name: string; readonly symbol: string }): {
  readonly field: 'name' | 'symbol';
  readonly message: string;
} | null {
  if (s.name.trim() === '') return { field: 'name', message: 'Give the dataset a name.' };
  const symbol = s.symbol.trim();
  if (symbol === '') {
    return { field: 'symbol', message: 'Enter the symbol: none was found in the file name.' };
  }
  if (!SYMBOL_RE.test(symbol)) {
    return { field: 'symbol', message: 'Symbol: letters, digits and - _ . : / only (BTCUSDT).' };
  }
  return null;
}

/** The note stored with an import that skipped rows. */
export function importNote(result: Pick<CsvImportSummary, 'skippedCount'>): string | null {
  const n = result.skippedCount;
  if (n === 0) return null;
  return `${n.toLocaleString('en-US')} bad row${n === 1 ? '' : 's'} skipped on import`;
}
