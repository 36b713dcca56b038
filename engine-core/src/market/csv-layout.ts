import { err, ok, type Result } from '../util/result';

/**
 * The candle CSV layouts of DESIGN §3: `canonical` (header `open_time_ms,open,high,low,close,volume`,
 * or another 6-column OHLCV header), `binance12` (Binance's 12-column kline rows, with or without
 * data.binance.vision's header) and `seed` (headerless `timestamp,open,high,low,close,volume`).
 */
export type CsvLayout = 'canonical' | 'binance12' | 'seed';

/** What the first line of a file says about its layout. */
export interface LayoutInfo {
  readonly layout: CsvLayout;
  /** Columns every row has: 6, or 12 for Binance's layout (only the first 6 are read). */
  readonly columns: 6 | 12;
  /** True when the first line is a header, not a row. */
  readonly hasHeader: boolean;
}

/** The canonical header (DESIGN §3). */
export const CANONICAL_HEADER = 'open_time_ms,open,high,low,close,volume';

/** Accepted names of the time column in a header. */
const TIME_NAMES = new Set(['open_time_ms', 'open_time', 'opentime', 'timestamp', 'time', 'ts']);

/** Accepted names of the OHLCV columns 2–6 in a header. */
const OHLCV_NAMES: readonly (readonly string[])[] = [
  ['open', 'o'],
  ['high', 'h'],
  ['low', 'l'],
  ['close', 'c'],
  ['volume', 'vol', 'v'],
];

/** True when a field starts like a number (`-`, `+`, `.` or a digit). */
function looksNumeric(field: string): boolean {
  const c = field.charCodeAt(0);
  return (c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46;
}

/** Lower-cased, trimmed, unquoted header name. */
function headerName(field: string): string {
  const t = field.trim();
  const u = t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
  return u.trim().toLowerCase();
}

/** True when the first six header names are a time column then open, high, low, close, volume. */
function isOhlcvHeader(names: readonly string[]): boolean {
  if (!TIME_NAMES.has(names[0] ?? '')) return false;
  return OHLCV_NAMES.every((accepted, k) => accepted.includes(names[k + 1] ?? ''));
}

/**
 * Detects the layout from the fields of the first non-blank line; `count` is the line's number
 * of fields when `fields` holds only the first ones.
 */
export function detectLayout(
  fields: readonly string[],
  count: number = fields.length,
): Result<LayoutInfo, string> {
  const n = count;
  const first = (fields[0] ?? '').trim().replace(/^"/, '');
  if (looksNumeric(first)) {
    if (n === 6) return ok({ layout: 'seed', columns: 6, hasHeader: false });
    if (n === 12) return ok({ layout: 'binance12', columns: 12, hasHeader: false });
    return err(
      `expected 6 (timestamp,open,high,low,close,volume) or 12 (Binance kline) columns, got ${n}`,
    );
  }
  const names = fields.map(headerName);
  if ((n === 6 || n === 12) && isOhlcvHeader(names)) {
    return ok(
      n === 6
        ? { layout: 'canonical', columns: 6, hasHeader: true }
        : { layout: 'binance12', columns: 12, hasHeader: true },
    );
  }
  const shown = fields.join(',').slice(0, 120);
  return err(
    `unrecognized header "${shown}" (expected ${CANONICAL_HEADER}, or Binance's 12-column kline header)`,
  );
}
