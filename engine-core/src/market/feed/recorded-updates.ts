import { z } from 'zod';
import { err, ok, type Result } from '../../util/result';
import type { MarketUpdate } from '../../venue/market-feed';

// Recordings are read once before a replay, off the hot path: zod.

const ms = z
  .number()
  .refine((n) => Number.isSafeInteger(n) && n >= 0, { error: 'expected an integer ms ≥ 0' });
const id = z
  .number()
  .refine((n) => Number.isSafeInteger(n) && n >= 0, { error: 'expected an integer ≥ 0' });
const symbol = z.string().regex(/^[A-Z0-9]{1,30}$/, { error: 'expected an upper-case symbol' });
const positive = z.number().gt(0);
const nonNegative = z.number().gte(0);
/** Flat `[price0, qty0, …]`: even length, prices > 0, quantities ≥ 0. */
const levels = z.array(z.number()).superRefine((a, ctx) => {
  if (a.length % 2 !== 0) {
    ctx.addIssue({
      code: 'custom',
      message: `odd length ${a.length}: expected [price, qty] pairs`,
    });
    return;
  }
  for (let i = 0; i < a.length; i += 2) {
    if (!((a[i] as number) > 0)) {
      ctx.addIssue({ code: 'custom', path: [i], message: `price ${a[i]} is not > 0` });
      return;
    }
    if (!((a[i + 1] as number) >= 0)) {
      ctx.addIssue({ code: 'custom', path: [i + 1], message: `qty ${a[i + 1]} is not ≥ 0` });
      return;
    }
  }
});

const updateSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('trade'),
    symbol,
    price: positive,
    qty: nonNegative,
    side: z.enum(['BUY', 'SELL']),
    ts: ms,
  }),
  z.object({
    kind: z.literal('book_ticker'),
    symbol,
    bidPrice: nonNegative,
    bidQty: nonNegative,
    askPrice: nonNegative,
    askQty: nonNegative,
    updateId: id,
    ts: ms,
  }),
  z.object({
    kind: z.literal('depth'),
    symbol,
    reset: z.boolean(),
    bids: levels,
    asks: levels,
    firstUpdateId: id,
    lastUpdateId: id,
    ts: ms,
  }),
  z.object({
    kind: z.literal('kline'),
    symbol,
    interval: z.string().min(1),
    bar: z.object({
      time: ms,
      open: positive,
      high: positive,
      low: positive,
      close: positive,
      volume: nonNegative,
    }),
    closed: z.boolean(),
    ts: ms,
  }),
  z.object({
    kind: z.literal('status'),
    symbol: symbol.nullable(),
    status: z.enum(['connected', 'disconnected', 'stale', 'gap', 'resynced', 'crossed', 'error']),
    message: z.string(),
    ts: ms,
  }),
]);

/**
 * Reads a recording: one `MarketUpdate` as JSON per line (blank lines skipped). Timestamps are
 * kept as recorded: a live stream mixes exchange event times with local receive times (book
 * tickers, statuses), which may step back a little; `ReplayFeed` plays such an update at once.
 * The error names the line and the field.
 */
export function parseMarketUpdatesNdjson(text: string): Result<MarketUpdate[], string> {
  const out: MarketUpdate[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '') continue;
    const where = `line ${i + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      return err(`${where}: not JSON: ${line.length > 60 ? `${line.slice(0, 57)}...` : line}`);
    }
    const r = updateSchema.safeParse(json);
    if (!r.success) {
      const issue = r.error.issues[0];
      const path = issue?.path.join('.') ?? '';
      return err(`${where}: ${path === '' ? '' : `${path}: `}${issue?.message ?? 'invalid'}`);
    }
    out.push(r.data as unknown as MarketUpdate);
  }
  return ok(out);
}

/** Writes updates as NDJSON (what `parseMarketUpdatesNdjson` reads). */
export function encodeMarketUpdatesNdjson(updates: Iterable<MarketUpdate>): string {
  let s = '';
  for (const u of updates) s += `${JSON.stringify(u)}\n`;
  return s;
}
