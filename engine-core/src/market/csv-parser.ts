import { err, ok, type Result } from '../util/result';
import { barProblem } from './bar-check';
import { CandleBuilder } from './candle-builder';
import type { Candles } from './candles';
import { isBlank, MAX_FIELDS, splitFields } from './csv-fields';
import { type CsvLayout, detectLayout } from './csv-layout';
import { detectGaps, type Gap } from './gaps';
import { intervalOrigin, isAnchoredInterval, msToInterval, parseInterval } from './intervals';
import { parseDecimal } from './parse-decimal';
import { symbolFromFileName } from './symbol-from-file-name';
import { TimestampReader, type TimeUnit } from './timestamp-reader';

/** Options of `createCandleCsvParser`. */
export interface CsvParseOptions {
  /** Used in messages (`data.csv:17: …`). */
  readonly fileName: string;
  /** Default: guessed from `fileName` (`binance-btcusdt-1h.csv` → `BTCUSDT`), else `''`. */
  readonly symbol?: string;
  /** Bar interval (`'1h'`); default: the most common difference between consecutive times. */
  readonly interval?: string;
  /** Skip bad rows and list them in `skipped` instead of failing on the first one. */
  readonly skipBadRows?: boolean;
  /**
   * Expected total length of the text (a file's size), if known: the columns are then sized
   * once from the first rows' average length instead of growing by doubling.
   */
  readonly sizeHint?: number;
}

/** A row left out because it was bad (only with `skipBadRows`). */
export interface SkippedRow {
  readonly line: number;
  readonly reason: string;
}

/** What a successful parse gives. */
export interface CsvParseResult {
  readonly candles: Candles;
  /** The first `MAX_SKIPPED_LISTED` skipped rows, by line; `skippedCount` counts them all. */
  readonly skipped: readonly SkippedRow[];
  readonly skippedCount: number;
  /** Missing bars between rows: reported, never filled. */
  readonly gaps: readonly Gap[];
  readonly layout: CsvLayout;
  /** Unit of the file's timestamps (the candles are always in ms). */
  readonly timeUnit: TimeUnit;
}

/** A streaming parser: feed text in chunks of any size, then call `end` once. */
export interface CandleCsvParser {
  /** Feeds the next piece of text; chunk boundaries may fall anywhere. */
  push(textChunk: string): void;
  /** Finishes: the candles, or `file:line: reason` for the first bad row. */
  end(): Result<CsvParseResult, string>;
}

/** Cap on the listed skipped rows (they are all counted). */
export const MAX_SKIPPED_LISTED = 1000;

/** Longest accepted line; a longer one is not a candle row (a binary file, a lost newline). */
export const MAX_LINE_LENGTH = 4096;

/** The row at which `sizeHint` sizes the columns. */
const SIZING_ROW = 256;
/** No reservation beyond this many rows from a hint (the columns still grow as needed). */
const MAX_RESERVED_ROWS = 50_000_000;

const FIELD_NAMES = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

/** Creates a streaming parser of candle CSV (layouts of DESIGN §3, see `detectLayout`). */
export function createCandleCsvParser(options: CsvParseOptions): CandleCsvParser {
  return new CsvParser(options);
}

/** Parses a whole CSV text at once. */
export function parseCandleCsv(
  text: string,
  options: CsvParseOptions,
): Result<CsvParseResult, string> {
  const parser = createCandleCsvParser({ sizeHint: text.length, ...options });
  parser.push(text);
  return parser.end();
}

class CsvParser implements CandleCsvParser {
  private readonly _file: string;
  private readonly _skip: boolean;
  private readonly _options: CsvParseOptions;
  private readonly _givenStep: number | null = null;
  private _fatal: string | null = null;
  private _started = false;
  private _ended = false;
  private _carry = '';
  private _lineNo = 0;
  private _layout: CsvLayout | null = null;
  private _columns = 0;
  private _unit: TimeUnit | null = null;
  private _firstTime = 0;
  /** Characters of the lines seen so far (for `sizeHint`). */
  private _consumed = 0;
  private readonly _builder = new CandleBuilder(4096);
  private _lines = new Uint32Array(4096);
  private readonly _skipped: SkippedRow[] = [];
  private _skippedCount = 0;
  private readonly _reader = new TimestampReader();
  // Field bounds of the current line.
  private readonly _starts = new Int32Array(MAX_FIELDS);
  private readonly _ends = new Int32Array(MAX_FIELDS);
  // Histogram of time differences, run-length encoded on the way in.
  private readonly _diffs = new Map<number, number>();
  private _runDiff = 0;
  private _runLength = 0;

  constructor(options: CsvParseOptions) {
    this._options = options;
    this._file = options.fileName;
    this._skip = options.skipBadRows === true;
    if (options.interval !== undefined) {
      const step = parseInterval(options.interval);
      if (step.ok) this._givenStep = step.value;
      else this._fatal = `${this._file}: ${step.error}`;
    }
  }

  push(chunk: string): void {
    if (this._fatal !== null || chunk.length === 0) return;
    if (this._ended) {
      this._fatal = `${this._file}: push after end`;
      return;
    }
    let text = chunk;
    if (!this._started) {
      this._started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let pos = 0;
    if (this._carry.length > 0) {
      // Only the new text is searched for the newline: a long line fed in tiny chunks stays linear.
      const nl = text.indexOf('\n');
      if (nl < 0) {
        this._carry += text;
        if (this._carry.length > MAX_LINE_LENGTH + 1) this._tooLong();
        return;
      }
      const line = this._carry + text.slice(0, nl);
      this._carry = '';
      this._line(line, 0, line.length);
      pos = nl + 1;
    }
    while (this._fatal === null) {
      const nl = text.indexOf('\n', pos);
      if (nl < 0) break;
      this._line(text, pos, nl);
      pos = nl + 1;
    }
    if (this._fatal === null && pos < text.length) {
      this._carry = pos === 0 ? text : text.slice(pos);
      if (this._carry.length > MAX_LINE_LENGTH + 1) this._tooLong();
    }
  }

  end(): Result<CsvParseResult, string> {
    if (this._ended) return err(`${this._file}: end called twice`);
    this._ended = true;
    if (this._fatal === null && this._carry.length > 0) {
      const last = this._carry;
      this._carry = '';
      this._line(last, 0, last.length);
    }
    if (this._fatal !== null) return err(this._fatal);
    if (this._layout === null) return err(`${this._file}: empty file (no header and no rows)`);
    const rows = this._builder.length;
    if (rows === 0) {
      const skipped = this._skippedCount > 0 ? ` (${this._skippedCount} bad rows skipped)` : '';
      return err(`${this._file}: no data rows${skipped}`);
    }
    this._flushRun();
    const step = this._givenStep ?? this._inferStep();
    if (step === null) {
      return err(`${this._file}: cannot infer the interval from a single row; give it explicitly`);
    }
    if (this._givenStep === null) {
      const misaligned = this._dropMisaligned(step);
      if (misaligned !== null) return err(misaligned);
      if (this._builder.length === 0) return err(`${this._file}: no data rows left`);
    }
    const interval = msToInterval(step);
    const symbol = this._options.symbol ?? symbolFromFileName(this._file);
    const candles = this._builder.finish(symbol, interval, step);
    this._skipped.sort((a, b) => a.line - b.line);
    return ok({
      candles,
      skipped: this._skipped,
      skippedCount: this._skippedCount,
      gaps: detectGaps(candles.time, step),
      layout: this._layout,
      timeUnit: this._unit ?? 'ms',
    });
  }

  private _tooLong(): void {
    this._fatal = `${this._file}:${this._lineNo + 1}: line longer than ${MAX_LINE_LENGTH} characters`;
  }

  /** One line `s[start, end)` without its `\n`. */
  private _line(s: string, start: number, end: number): void {
    if (end - start > MAX_LINE_LENGTH + 1) return this._tooLong();
    this._lineNo++;
    this._consumed += end - start + 1;
    if (end > start && s.charCodeAt(end - 1) === 13 /* \r */) end--;
    if (isBlank(s, start, end)) return;
    const n = splitFields(s, start, end, this._starts, this._ends);
    if (this._layout === null) {
      const fields: string[] = [];
      for (let k = 0; k < Math.min(n, MAX_FIELDS); k++)
        fields.push(s.slice(this._starts[k], this._ends[k]));
      const info = detectLayout(fields, n);
      if (!info.ok) {
        this._fatal = `${this._file}:${this._lineNo}: ${info.error}`;
        return;
      }
      this._layout = info.value.layout;
      this._columns = info.value.columns;
      if (info.value.hasHeader) return;
    }
    this._row(s, n);
  }

  /** Validates and stores one data row whose `n` fields are in `_starts`/`_ends`. */
  private _row(s: string, n: number): void {
    if (n !== this._columns) return this._bad(`expected ${this._columns} columns, got ${n}`);
    const starts = this._starts;
    const ends = this._ends;
    const reader = this._reader;
    if (!reader.read(s, starts[0], ends[0], this._unit)) return this._bad(reader.error);
    const t = reader.ms;
    const o = parseDecimal(s, starts[1], ends[1]);
    const h = parseDecimal(s, starts[2], ends[2]);
    const l = parseDecimal(s, starts[3], ends[3]);
    const c = parseDecimal(s, starts[4], ends[4]);
    const v = parseDecimal(s, starts[5], ends[5]);
    if (Number.isNaN(o + h + l + c + v)) {
      const k = [o, h, l, c, v].findIndex(Number.isNaN) + 1;
      if (k > 0) {
        const text = s.slice(starts[k], Math.min(ends[k], starts[k] + 40));
        return this._bad(`${FIELD_NAMES[k]} "${text}" is not a number`);
      }
    }
    const problem = barProblem(o, h, l, c, v);
    if (problem !== null) return this._bad(problem);
    const builder = this._builder;
    const rows = builder.length;
    if (rows > 0) {
      const prev = builder.lastTime;
      if (t <= prev) {
        return this._bad(
          t === prev
            ? `duplicate time ${t} (${iso(t)})`
            : `time ${t} (${iso(t)}) < previous ${prev} (${iso(prev)})`,
        );
      }
      const step = this._givenStep;
      if (step !== null && !isAligned(t, step, this._firstTime)) {
        return this._bad(misalignedReason(t, step));
      }
      const diff = t - prev;
      if (diff === this._runDiff) this._runLength++;
      else {
        this._flushRun();
        this._runDiff = diff;
        this._runLength = 1;
      }
    } else if (this._givenStep !== null && !isAligned(t, this._givenStep, t)) {
      return this._bad(misalignedReason(t, this._givenStep));
    }
    if (rows === 0) {
      this._firstTime = t;
      this._unit = reader.unit;
    }
    if (rows === SIZING_ROW) this._reserveFromHint();
    if (rows === this._lines.length) this._growLines(rows * 2);
    this._lines[rows] = this._lineNo;
    builder.push(t, o, h, l, c, v);
  }

  /** Sizes the columns for the whole text from the average line so far. */
  private _reserveFromHint(): void {
    const hint = this._options.sizeHint;
    if (hint === undefined || this._consumed === 0) return;
    const rows = Math.ceil((hint / this._consumed) * SIZING_ROW * 1.02) + 16;
    if (rows > MAX_RESERVED_ROWS) return;
    this._builder.reserve(rows);
    this._growLines(rows);
  }

  private _growLines(capacity: number): void {
    if (capacity <= this._lines.length) return;
    const grown = new Uint32Array(capacity);
    grown.set(this._lines);
    this._lines = grown;
  }

  private _bad(reason: string): void {
    if (!this._skip) {
      this._fatal = `${this._file}:${this._lineNo}: ${reason}`;
      return;
    }
    this._skippedCount++;
    if (this._skipped.length < MAX_SKIPPED_LISTED) {
      this._skipped.push({ line: this._lineNo, reason });
    }
  }

  private _flushRun(): void {
    if (this._runLength === 0) return;
    this._diffs.set(this._runDiff, (this._diffs.get(this._runDiff) ?? 0) + this._runLength);
    this._runLength = 0;
  }

  /** The most common difference between consecutive times (the smallest on a tie). */
  private _inferStep(): number | null {
    let best: number | null = null;
    let bestCount = 0;
    for (const [diff, count] of this._diffs) {
      if (count > bestCount || (count === bestCount && best !== null && diff < best)) {
        best = diff;
        bestCount = count;
      }
    }
    return best;
  }

  /**
   * With an inferred step, rows off the step's grid are only known at the end: drop them (with
   * `skipBadRows`) or return the error for the first one.
   */
  private _dropMisaligned(step: number): string | null {
    const time = this._builder.timeView();
    const origin = isAnchoredInterval(step) ? intervalOrigin(step) : time[0];
    let keep: Uint8Array | null = null;
    for (let i = 0; i < time.length; i++) {
      const t = time[i];
      if ((t - origin) % step === 0) continue;
      const line = this._lines[i] ?? 0;
      if (!this._skip) return `${this._file}:${line}: ${misalignedReason(t, step)}`;
      keep ??= new Uint8Array(time.length).fill(1);
      keep[i] = 0;
      this._skippedCount++;
      if (this._skipped.length < MAX_SKIPPED_LISTED) {
        this._skipped.push({ line, reason: misalignedReason(t, step) });
      }
    }
    if (keep !== null) this._builder.retain(keep);
    return null;
  }
}

/** True when `t` is on the grid of `step`: UTC-anchored steps by the clock, others by `first`. */
function isAligned(t: number, step: number, first: number): boolean {
  const origin = isAnchoredInterval(step) ? intervalOrigin(step) : first;
  return (t - origin) % step === 0;
}

function misalignedReason(t: number, step: number): string {
  return `time ${t} (${iso(t)}) not aligned to the ${msToInterval(step)} step`;
}

/** ISO-8601 form of a ms time, for messages. */
function iso(t: number): string {
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? String(t) : d.toISOString();
}
