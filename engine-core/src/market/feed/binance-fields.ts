import { parseDecimal } from '../parse-decimal';

/** A JSON object. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** True for a JSON object (not an array, not null). */
export const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** True for an integer in [0, 2^53). */
export const isUint = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** The number in a decimal string (Binance sends prices and quantities as strings); else NaN. */
export const decimal = (v: unknown): number =>
  typeof v === 'string' ? parseDecimal(v, 0, v.length) : Number.NaN;

/** True for a finite number > 0. */
export const isPositive = (x: number): boolean => x > 0 && x < Number.POSITIVE_INFINITY;

/** True for a finite number ≥ 0. */
export const isNonNegative = (x: number): boolean => x >= 0 && x < Number.POSITIVE_INFINITY;

/** Short JSON rendering of a value, for messages. */
export function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(v) ?? String(v);
  } catch {
    text = String(v);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** `"<what> <field>: expected <expected>, got <value>"`. */
export const fieldProblem = (what: string, field: string, expected: string, v: unknown): string =>
  `${what} ${field}: expected ${expected}, got ${show(v)}`;

/** True for a Binance symbol: 1 to 30 upper-case letters and digits. */
export function isSymbol(v: unknown): v is string {
  if (typeof v !== 'string' || v.length === 0 || v.length > 30) return false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57))) return false;
  }
  return true;
}

/**
 * Reads price levels `[["price", "qty"], …]` into a flat `[price0, qty0, …]`; prices must be
 * > 0 and quantities ≥ 0 (0 removes a level). Returns the levels, or the problem as a string.
 */
export function readLevels(v: unknown, what: string, field: string): number[] | string {
  if (!Array.isArray(v)) return fieldProblem(what, field, 'an array of [price, qty]', v);
  const out: number[] = [];
  for (let i = 0; i < v.length; i++) {
    const level: unknown = v[i];
    if (!Array.isArray(level) || level.length !== 2) {
      return fieldProblem(what, `${field}[${i}]`, 'a [price, qty] pair of decimal strings', level);
    }
    const p = decimal(level[0]);
    if (!isPositive(p)) {
      return fieldProblem(what, `${field}[${i}] price`, 'a decimal string > 0', level[0]);
    }
    const q = decimal(level[1]);
    if (!isNonNegative(q)) {
      return fieldProblem(what, `${field}[${i}] qty`, 'a decimal string ≥ 0', level[1]);
    }
    out.push(p, q);
  }
  return out;
}
