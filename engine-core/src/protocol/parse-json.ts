import { z } from 'zod';
import type { EngineCommand } from '../model/commands';
import { err, ok, type Result } from '../util/result';
import { buildCancel, buildExecReport, buildMarketTick, buildQuery } from './build-commands';
import { buildOrderRequest } from './build-order';
import { quote } from './field-checks';

// Zod checks only the JSON types here; the semantic rules live in build-order / build-commands,
// shared with the text form, so both forms give the same commands and the same messages.

type IssueInput = { readonly input?: unknown };

const required = (i: IssueInput, expected: string): string =>
  i.input === undefined ? 'required' : expected;

const str = () => z.string({ error: (i) => required(i, 'expected a string') });
const optStr = () => z.string({ error: 'expected a string' }).nullish();
const num = () =>
  z.number({
    error: (i) => required(i, typeof i.input === 'number' ? 'must be finite' : 'expected a number'),
  });
const optNum = () =>
  z
    .number({
      error: (i) => (typeof i.input === 'number' ? 'must be finite' : 'expected a number'),
    })
    .nullish();
const optBool = () =>
  z
    .union([z.boolean(), z.literal(0), z.literal(1)], { error: 'expected true, false, 0 or 1' })
    .nullish();
const price = () =>
  z
    .union([z.number(), z.string()], {
      error: (i) =>
        typeof i.input === 'number' ? 'must be finite' : 'expected a number or "MARKET"',
    })
    .nullish();

const orderSchema = z.strictObject({
  cmd: z.string(),
  side: str(),
  symbol: str(),
  qty: num(),
  price: price(),
  client_order_id: str(),
  type: optStr(),
  stop: optNum(),
  tif: optStr(),
  post_only: optBool(),
  reduce_only: optBool(),
});
const cancelSchema = z.strictObject({ cmd: z.string(), client_order_id: str() });
const querySchema = z.strictObject({ cmd: z.string(), what: str(), client_order_id: optStr() });
const marketSchema = z.strictObject({
  cmd: z.string(),
  symbol: str(),
  price: num(),
  ts_ms: optNum(),
});
const execSchema = z.strictObject({
  cmd: z.string(),
  client_order_id: str(),
  status: str(),
  fill_qty: optNum(),
  fill_price: optNum(),
  fee: optNum(),
  fee_asset: optStr(),
  venue_order_id: optStr(),
  reason: optStr(),
  liquidity: optStr(),
});

/** The names of the JSON commands (`cmd`), any case accepted. */
export const JSON_COMMANDS = ['order', 'cancel', 'query', 'market', 'exec'] as const;

/** One precise message for the first issue, naming the field. */
function issueMessage(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid command';
  if (issue.code === 'unrecognized_keys') return `unknown field ${quote(issue.keys[0] ?? '')}`;
  const path = issue.path.map(String).join('.');
  return path === '' ? issue.message : `${path}: ${issue.message}`;
}

/** Runs a zod schema, turning a failure into one message. */
function check<T>(schema: z.ZodType<T>, value: unknown): Result<T, string> {
  const r = schema.safeParse(value);
  return r.success ? ok(r.data) : err(issueMessage(r.error));
}

const boolOrNull = (b: boolean | 0 | 1 | null | undefined): boolean | null =>
  b === undefined || b === null ? null : b === true || b === 1;

function orderCommand(value: unknown): Result<EngineCommand, string> {
  const o = check(orderSchema, value);
  if (!o.ok) return o;
  const f = o.value;
  let px: number | null = null;
  if (typeof f.price === 'number') px = f.price;
  else if (typeof f.price === 'string' && f.price.toUpperCase() !== 'MARKET') {
    return err(`price: expected a number or "MARKET", got ${quote(f.price)}`);
  }
  const request = buildOrderRequest({
    side: f.side,
    symbol: f.symbol,
    qty: f.qty,
    price: px,
    clientOrderId: f.client_order_id,
    type: f.type ?? null,
    stop: f.stop ?? null,
    tif: f.tif ?? null,
    postOnly: boolOrNull(f.post_only),
    reduceOnly: boolOrNull(f.reduce_only),
  });
  if (!request.ok) return request;
  return ok({ type: 'submit_order', request: request.value });
}

function dispatch(cmd: string, value: unknown): Result<EngineCommand, string> {
  switch (cmd.toLowerCase()) {
    case 'order':
      return orderCommand(value);
    case 'cancel': {
      const c = check(cancelSchema, value);
      return c.ok ? buildCancel(c.value.client_order_id) : c;
    }
    case 'query': {
      const q = check(querySchema, value);
      return q.ok ? buildQuery(q.value.what, q.value.client_order_id ?? null) : q;
    }
    case 'market': {
      const m = check(marketSchema, value);
      return m.ok ? buildMarketTick(m.value.symbol, m.value.price, m.value.ts_ms ?? null) : m;
    }
    case 'exec': {
      const x = check(execSchema, value);
      if (!x.ok) return x;
      const f = x.value;
      return buildExecReport({
        clientOrderId: f.client_order_id,
        status: f.status,
        fillQty: f.fill_qty ?? null,
        fillPrice: f.fill_price ?? null,
        fee: f.fee ?? null,
        feeAsset: f.fee_asset ?? null,
        venueOrderId: f.venue_order_id ?? null,
        reason: f.reason ?? null,
        liquidity: f.liquidity ?? null,
      });
    }
    default:
      return err(`cmd: must be one of ${JSON_COMMANDS.join('|')}, got ${quote(cmd)}`);
  }
}

/**
 * Parses a JSON command line: `{"cmd":"order"|"cancel"|"query"|"market"|"exec", ...}` with the
 * wire field names of DESIGN §8. Objects are strict (unknown fields are errors); optional fields
 * may be absent or null; `price` of an order is a number, or absent/null/"MARKET" for MARKET.
 */
export function parseJsonCommand(line: string): Result<EngineCommand, string> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return err(`bad JSON: ${message.length > 200 ? `${message.slice(0, 200)}…` : message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return err('bad JSON: expected an object');
  }
  const cmd: unknown = 'cmd' in value ? value.cmd : undefined;
  if (cmd === undefined) return err('cmd: required');
  if (typeof cmd !== 'string') return err('cmd: expected a string');
  return dispatch(cmd, value);
}
