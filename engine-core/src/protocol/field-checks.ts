import { type ClientOrderId, clientOrderId, type SymbolId, symbolId } from '../model/ids';
import { err, ok, type Result } from '../util/result';

/** Longest client order id accepted. */
export const MAX_ID_LENGTH = 64;
/** Longest symbol or asset code accepted. */
export const MAX_SYMBOL_LENGTH = 32;

const MAX_QUOTED = 40;

/** Quotes a value for an error message, cut to a readable length. */
export function quote(s: string): string {
  return JSON.stringify(s.length > MAX_QUOTED ? `${s.slice(0, MAX_QUOTED)}…` : s);
}

/** True for `[A-Za-z0-9._:/-]`, the characters of ids and symbols. */
function isIdChar(c: number): boolean {
  return (
    (c >= 48 && c <= 58) || // 0-9 and ':'
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 45 || // '-'
    c === 46 || // '.'
    c === 47 || // '/'
    c === 95 // '_'
  );
}

/** True when `s` has 1..max characters, all of `[A-Za-z0-9._:/-]`. */
export function isIdToken(s: string, max: number): boolean {
  const n = s.length;
  if (n === 0 || n > max) return false;
  for (let i = 0; i < n; i++) if (!isIdChar(s.charCodeAt(i))) return false;
  return true;
}

/** Checks and brands a client order id: 1–64 characters of `[A-Za-z0-9._:/-]`. */
export function checkClientOrderId(s: string): Result<ClientOrderId, string> {
  if (isIdToken(s, MAX_ID_LENGTH)) return ok(clientOrderId(s));
  return err(`client_order_id must be 1-64 characters of [A-Za-z0-9._:/-]: ${quote(s)}`);
}

/** Checks, upper-cases and brands a symbol: 1–32 characters of `[A-Za-z0-9._:/-]`. */
export function checkSymbol(s: string): Result<SymbolId, string> {
  if (isIdToken(s, MAX_SYMBOL_LENGTH)) return ok(symbolId(s));
  return err(`symbol must be 1-32 characters of [A-Za-z0-9._:/-]: ${quote(s)}`);
}

/** Checks and upper-cases an asset code (same characters as a symbol). */
export function checkAssetCode(name: string, s: string): Result<string, string> {
  if (isIdToken(s, MAX_SYMBOL_LENGTH)) return ok(s.toUpperCase());
  return err(`${name} must be 1-32 characters of [A-Za-z0-9._:/-]: ${quote(s)}`);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** True for a plain decimal: `[+-]?(d+(.d*)?|.d+)([eE][+-]?d+)?`. No hex, no `Infinity`, no `NaN`. */
export function isDecimal(s: string): boolean {
  const n = s.length;
  let i = 0;
  let c = s.charCodeAt(0);
  if (c === 43 || c === 45) i++;
  let digits = 0;
  while (i < n && isDigit(s.charCodeAt(i))) {
    i++;
    digits++;
  }
  if (i < n && s.charCodeAt(i) === 46) {
    i++;
    while (i < n && isDigit(s.charCodeAt(i))) {
      i++;
      digits++;
    }
  }
  if (digits === 0) return false;
  if (i < n) {
    c = s.charCodeAt(i);
    if (c !== 69 && c !== 101) return false;
    i++;
    c = s.charCodeAt(i);
    if (c === 43 || c === 45) i++;
    const expStart = i;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
    if (i === expStart) return false;
  }
  return i === n;
}

/** Reads a decimal token as a number (which may overflow to ±Infinity: see `checkPositive`). */
export function parseDecimal(name: string, tok: string): Result<number, string> {
  if (isDecimal(tok)) return ok(Number(tok));
  return err(`${name} is not a number: ${quote(tok)}`);
}

/** Error message when `x` is not a finite number > 0, else null. */
export function positiveError(name: string, x: number): string | null {
  if (Number.isNaN(x)) return `${name} is not a number`;
  if (!(x > 0)) return `${name} must be > 0`;
  if (x === Number.POSITIVE_INFINITY) return `${name} must be finite`;
  return null;
}

/** Error message when `x` is not a finite number, else null. */
export function finiteError(name: string, x: number): string | null {
  return Number.isFinite(x) ? null : `${name} must be finite`;
}

/** Reads `0`, `1`, `true` or `false` (any case) as a boolean. */
export function parseBool(name: string, tok: string): Result<boolean, string> {
  const t = tok.toLowerCase();
  if (t === '1' || t === 'true') return ok(true);
  if (t === '0' || t === 'false') return ok(false);
  return err(`${name} must be 0, 1, true or false: ${quote(tok)}`);
}

/** Error message when `x` is not a non-negative safe integer (a `ts_ms`), else null. */
export function tsMsError(x: number): string | null {
  return Number.isSafeInteger(x) && x >= 0 ? null : 'ts_ms must be a non-negative integer';
}

/** Reads a `ts_ms` token: digits only, a safe integer. */
export function parseTsMs(tok: string): Result<number, string> {
  const n = tok.length;
  let i = 0;
  while (i < n && isDigit(tok.charCodeAt(i))) i++;
  const x = n > 0 && i === n ? Number(tok) : Number.NaN;
  return tsMsError(x) === null ? ok(x) : err(`ts_ms must be a non-negative integer: ${quote(tok)}`);
}

/** Upper-cases `tok` and checks that it is one of `allowed`. */
export function parseEnum<T extends string>(
  name: string,
  tok: string,
  allowed: readonly T[],
): Result<T, string> {
  const up = tok.toUpperCase();
  for (const a of allowed) if (a === up) return ok(a);
  return err(`${name} must be one of ${allowed.join('|')}: ${quote(tok)}`);
}
