import { z } from 'zod';
import type { OrderCommandFields } from '../../engine-process/engine-link';
import { clientOrderIdField, keyword, positiveNumber, symbolField } from './fields';
import { type FieldIssue, fieldIssues, joinIssues, type Parsed } from './parse-result';

/** `POST /api/order` as sent (DESIGN §9), before the cross-field rules. */
const orderShape = z.strictObject({
  side: keyword(['BUY', 'SELL']),
  symbol: symbolField,
  qty: positiveNumber,
  price: positiveNumber.optional(),
  type: keyword(['MARKET', 'LIMIT', 'STOP', 'STOP_LIMIT']).optional(),
  stop: positiveNumber.optional(),
  tif: keyword(['GTC', 'IOC', 'FOK']).optional(),
  post_only: z.boolean({ error: 'expected true or false' }).optional(),
  reduce_only: z.boolean({ error: 'expected true or false' }).optional(),
  client_order_id: clientOrderIdField.optional(),
});

type OrderShape = z.output<typeof orderShape>;
type OrderType = OrderCommandFields['type'];

/** Which prices each type takes: required, or refused (never silently ignored). */
const PRICES: Readonly<Record<OrderType, { price: boolean; stop: boolean }>> = {
  MARKET: { price: false, stop: false },
  LIMIT: { price: true, stop: false },
  STOP: { price: false, stop: true },
  STOP_LIMIT: { price: true, stop: true },
};

/**
 * The type when none is given: LIMIT with a price, MARKET without (the seed's `price|MARKET`).
 * A stop price needs an explicit type: STOP and STOP_LIMIT are too different to guess between.
 */
function typeOf(o: OrderShape): OrderType | null {
  if (o.type !== undefined) return o.type;
  if (o.stop !== undefined) return null;
  return o.price === undefined ? 'MARKET' : 'LIMIT';
}

function crossCheck(o: OrderShape, type: OrderType | null): FieldIssue[] {
  if (type === null) return [{ field: 'type', reason: 'required with stop (STOP or STOP_LIMIT)' }];
  const issues: FieldIssue[] = [];
  const wants = PRICES[type];
  if (wants.price && o.price === undefined) {
    issues.push({ field: 'price', reason: `required for ${type} orders` });
  }
  if (!wants.price && o.price !== undefined) {
    issues.push({ field: 'price', reason: `not allowed for ${type} orders` });
  }
  if (wants.stop && o.stop === undefined) {
    issues.push({ field: 'stop', reason: `required for ${type} orders` });
  }
  if (!wants.stop && o.stop !== undefined) {
    issues.push({ field: 'stop', reason: `not allowed for ${type} orders` });
  }
  if (o.post_only === true && type !== 'LIMIT') {
    issues.push({ field: 'post_only', reason: 'only for LIMIT orders' });
  }
  if (o.post_only === true && (o.tif === 'IOC' || o.tif === 'FOK')) {
    issues.push({ field: 'post_only', reason: `cannot rest with tif ${o.tif}` });
  }
  return issues;
}

/** Validates a `POST /api/order` body into the engine link's command (or a bad_params message). */
export function parseOrderBody(body: unknown): Parsed<OrderCommandFields> {
  const r = orderShape.safeParse(body);
  if (!r.success) return { ok: false, message: joinIssues(fieldIssues(r.error)) };
  const o = r.data;
  const type = typeOf(o);
  const issues = crossCheck(o, type);
  if (type === null || issues.length > 0) return { ok: false, message: joinIssues(issues) };
  return {
    ok: true,
    value: {
      side: o.side,
      symbol: o.symbol,
      qty: o.qty,
      type,
      ...(o.price !== undefined && { price: o.price }),
      ...(o.stop !== undefined && { stop: o.stop }),
      ...(o.tif !== undefined && { tif: o.tif }),
      ...(o.post_only !== undefined && { postOnly: o.post_only }),
      ...(o.reduce_only !== undefined && { reduceOnly: o.reduce_only }),
      ...(o.client_order_id !== undefined && { clientOrderId: o.client_order_id }),
    },
  };
}
