import type { FastifyInstance } from 'fastify';
import type { CommandAck, EngineLink } from '../../engine-process/engine-link';
import { orderBucket, type RateLimitOptions } from '../rate-limit';
import { parseCancelBody } from '../schemas/cancel-body';
import { parseOrderBody } from '../schemas/order-body';
import { callEngine, need, valid } from './engine-calls';

/**
 * The answer to an order or cancel. The engine's REJECTED is a 200 with `ok: false` and the
 * reason: the request was valid and the refusal is journaled like any outcome (the seed's
 * `{ok, ...}` shape); 4xx are kept for requests the server could not take at all.
 */
export type CommandAnswer =
  | {
      ok: true;
      client_order_id: string;
      status: string;
      venue_order_id?: string;
    }
  | { ok: false; client_order_id: string; status: 'REJECTED'; reason: string };

export function answerOf(ack: CommandAck): CommandAnswer {
  if (ack.status === 'REJECTED') {
    return {
      ok: false,
      client_order_id: ack.clientOrderId,
      status: 'REJECTED',
      reason: ack.reason ?? 'rejected',
    };
  }
  return {
    ok: true,
    client_order_id: ack.clientOrderId,
    status: ack.status,
    ...(ack.venueOrderId !== undefined && { venue_order_id: ack.venueOrderId }),
  };
}

/** `POST /api/order` and `POST /api/cancel`, each in its own (tighter) rate-limit bucket. */
export function registerOrderRoutes(
  app: FastifyInstance,
  engine: EngineLink | undefined,
  limits: RateLimitOptions,
): void {
  app.post('/api/order', { config: orderBucket(limits) }, async (req) => {
    const cmd = valid(parseOrderBody(req.body));
    const link = need(engine);
    return answerOf(await callEngine(() => link.order(cmd)));
  });

  app.post('/api/cancel', { config: orderBucket(limits) }, async (req) => {
    const cancel = valid(parseCancelBody(req.body));
    const link = need(engine);
    return answerOf(await callEngine(() => link.cancel(cancel.clientOrderId)));
  });
}
