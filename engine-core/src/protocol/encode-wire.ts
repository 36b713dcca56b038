import { assert } from '../util/assert';

const RAW: unique symbol = Symbol('raw-json');

/** A value already written as JSON text, which `encodeWire` copies verbatim (top-level fields only). */
export interface RawJson {
  readonly [RAW]: string;
}

function isRawJson(v: unknown): v is RawJson {
  return typeof v === 'object' && v !== null && RAW in v;
}

/**
 * Integer nanoseconds for a millisecond time, as exact decimal digits (`ms` + `"000000"`), or
 * null when `ms` is not finite. A 19-digit number can't pass through a float exactly, so this
 * works on the digits; a non-integer `ms` is rounded to the millisecond first.
 */
export function nsDigits(ms: number): string | null {
  if (Number.isSafeInteger(ms)) return ms === 0 ? '0' : `${ms}000000`;
  if (!Number.isFinite(ms)) return null;
  return (BigInt(Math.round(ms)) * 1_000_000n).toString();
}

/** A millisecond time as an exact-nanosecond JSON number for `encodeWire`, or null. */
export function exactNs(ms: number | null): RawJson | null {
  if (ms === null) return null;
  const digits = nsDigits(ms);
  return digits === null ? null : { [RAW]: digits };
}

/**
 * Builds one wire NDJSON line (no newline): a JSON object whose first key is `type`, then
 * `ts_ns` (exact integer nanoseconds) when `tsMs` is a finite number, then `fields` in their
 * order. Fields whose value is `undefined` are left out; `RawJson` values are copied verbatim.
 * A field may not be named `type` or `ts_ns` (an order's type goes out as `order_type`).
 *
 * The generic form, for rare lines (engine_started and the like). The events of the hot path
 * are written field by field into a `WireWriter` instead, which gives the same bytes.
 */
export function encodeWire(
  type: string,
  tsMs: number | null,
  fields: Readonly<Record<string, unknown>>,
): string {
  let out = `{"type":${jsonString(type)}`;
  if (tsMs !== null) {
    const ns = nsDigits(tsMs);
    if (ns !== null) out += `,"ts_ns":${ns}`;
  }
  for (const key in fields) {
    const v = fields[key];
    if (v === undefined) continue;
    if (key === 'type' || key === 'ts_ns') assert(false, `encodeWire: field "${key}" is reserved`);
    out += `,"${key}":${jsonValue(v)}`;
  }
  return `${out}}`;
}

// Keys are our own snake_case identifiers, so they need no escaping.

/**
 * A string as JSON. Printable ASCII without `"` or `\` (ids, symbols, statuses) is copied
 * between quotes; anything else goes through `JSON.stringify`, which gives the same bytes for
 * the plain case.
 */
function jsonString(s: string): string {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return JSON.stringify(s);
  }
  return `"${s}"`;
}

/** One value as JSON; numbers and plain strings skip the generic serializer. */
function jsonValue(v: unknown): string {
  switch (typeof v) {
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'string':
      return jsonString(v);
    case 'boolean':
      return v ? 'true' : 'false';
    default:
      if (v === null) return 'null';
      if (isRawJson(v)) return v[RAW];
      return JSON.stringify(v) ?? 'null';
  }
}
