import { z } from 'zod';

/** Case-insensitive keyword: upper-cased, then one of `values` (DESIGN §8 keywords). */
export function keyword<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .string({ error: `expected one of ${values.join(', ')}` })
    .transform((s) => s.toUpperCase())
    .pipe(z.enum(values, { error: `expected one of ${values.join(', ')}` }));
}

/** An engine symbol (`BTCUSDT`): upper-cased, no spaces (the text protocol splits on them). */
export const symbolField = z
  .string({ error: 'expected a string' })
  .transform((s) => s.toUpperCase())
  .pipe(
    z.string().regex(/^[A-Z0-9][A-Z0-9._-]{0,31}$/, {
      error: 'expected 1 to 32 letters, digits, ".", "_" or "-"',
    }),
  );

/** A client order id: short and plain, so every venue and the text protocol can carry it. */
export const clientOrderIdField = z
  .string({ error: 'expected a string' })
  .regex(/^[A-Za-z0-9_-]{1,36}$/, { error: 'expected 1 to 36 letters, digits, "_" or "-"' });

/** A positive, finite number (zod 4 refuses NaN and ±Infinity). */
export const positiveNumber = z
  .number({ error: 'expected a number' })
  .positive({ error: 'must be > 0' });
