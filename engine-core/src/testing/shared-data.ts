// Tests only (src/testing is outside engine-core's platform-free type check): the real candle
// files in ../shared/data beside the repository, which a fresh clone does not have.
// biome-ignore lint/correctness/noNodejsModules: test fixtures are read from disk
// biome-ignore lint/style/noRestrictedImports: test fixtures are read from disk
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { type Candles, parseCandleCsv } from '../market';

// engine-core/src/testing/ → the repository root is three levels up; the data sit beside it.
const DATA_DIR = new URL('../../../../shared/data/', import.meta.url);

/** The shared candle files, as a test suite sees them. */
export interface SharedData {
  /** False in a fresh clone: the real-data tests skip. */
  readonly available: boolean;
  /** The `.csv` files, sorted; none when the folder is absent. */
  files(): string[];
  /** One file parsed; throws (a test bug or bad data) with the parser's `file:line: reason`. */
  load(name: string): Candles;
  /** A file's text by its path under the folder (e.g. `binance-ws/….jsonl`). */
  text(path: string): string;
}

/**
 * The shared data for a suite. When the folder is absent it says so once, naming `what` is
 * skipped, so the skip is visible in the test output.
 */
export function sharedData(what: string): SharedData {
  const available = existsSync(DATA_DIR);
  if (!available) console.warn(`NOTE: ../shared/data is absent: ${what} skipped`);
  return {
    available,
    files: () =>
      available
        ? readdirSync(DATA_DIR)
            .filter((n) => n.endsWith('.csv'))
            .sort()
        : [],
    load(name) {
      const parsed = parseCandleCsv(readFileSync(new URL(name, DATA_DIR), 'utf8'), {
        fileName: name,
      });
      if (!parsed.ok) throw new Error(`cannot load ${name}: ${parsed.error}`);
      return parsed.value.candles;
    },
    text: (path) => readFileSync(new URL(path, DATA_DIR), 'utf8'),
  };
}
