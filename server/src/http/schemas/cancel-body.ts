import { z } from 'zod';
import { clientOrderIdField, symbolField } from './fields';
import { type Parsed, parseWith } from './parse-result';

const cancelShape = z.strictObject({
  client_order_id: clientOrderIdField,
  symbol: symbolField.optional(),
});

/** `POST /api/cancel`: the order to cancel (the symbol is accepted as the seed sends it). */
export interface CancelRequest {
  readonly clientOrderId: string;
  readonly symbol?: string;
}

export function parseCancelBody(body: unknown): Parsed<CancelRequest> {
  const r = parseWith(cancelShape, body);
  if (!r.ok) return r;
  const { client_order_id, symbol } = r.value;
  return {
    ok: true,
    value: { clientOrderId: client_order_id, ...(symbol !== undefined && { symbol }) },
  };
}

const orderStateQuery = z.object({ client_order_id: clientOrderIdField });

/** `GET /api/order_state?client_order_id=`. */
export function parseOrderStateQuery(query: unknown): Parsed<string> {
  const r = parseWith(orderStateQuery, query);
  return r.ok ? { ok: true, value: r.value.client_order_id } : r;
}
