import { z } from 'zod';
import { asset, type Instrument, symbolId } from '../model';
import { err, ok, type Result } from '../util';

const positive = z.number().finite().positive();
const schema = z.array(
  z.strictObject({
    symbol: z.string().regex(/^[A-Za-z0-9]{2,20}$/),
    base: z.string().regex(/^[A-Za-z0-9]{1,10}$/),
    quote: z.string().regex(/^[A-Za-z0-9]{1,10}$/),
    tick_size: positive,
    lot_size: positive,
    min_qty: positive.optional(),
    min_notional: z.number().finite().nonnegative(),
  }),
);

/**
 * Parses an instruments file: a JSON array of
 * `{symbol, base, quote, tick_size, lot_size, min_qty?, min_notional}`.
 */
export function parseInstruments(text: string): Result<Instrument[], string> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return err(`bad JSON: ${(e as Error).message}`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return err(`${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return ok(
    parsed.data.map((i) => ({
      symbol: symbolId(i.symbol),
      base: asset(i.base),
      quote: asset(i.quote),
      tickSize: i.tick_size,
      lotSize: i.lot_size,
      minQty: i.min_qty ?? i.lot_size,
      minNotional: i.min_notional,
    })),
  );
}
