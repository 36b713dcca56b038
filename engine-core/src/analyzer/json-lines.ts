/** A JSON scalar the report writers put on a line. */
export type JsonScalar = number | string | boolean | bigint | null;

/**
 * JSON text of a scalar: numbers and strings via `JSON.stringify` (shortest round-trip, no
 * locale; NaN and ±Infinity become `null`), bigints as their exact digits.
 */
export const scalar = (v: JsonScalar): string =>
  typeof v === 'bigint' ? v.toString() : JSON.stringify(v);

/** A one-line object of the given keys, in that order. */
export function line<T>(obj: T, keys: readonly (keyof T & string)[]): string {
  return `{${keys.map((k) => `${scalar(k)}: ${scalar(obj[k] as JsonScalar)}`).join(', ')}}`;
}

/** A multi-line array or object body: one item per line, indented; `open + close` when empty. */
export function block(
  open: string,
  items: readonly string[],
  close: string,
  indent: string,
): string {
  if (items.length === 0) return `${open}${close}`;
  return `${open}\n${indent}  ${items.join(`,\n${indent}  `)}\n${indent}${close}`;
}
