import type { FastifyInstance } from 'fastify';
import type { EngineEvent, EngineLink, EngineQuery } from '../../engine-process/engine-link';
import { ApiError } from '../errors';
import { parseOrderStateQuery } from '../schemas/cancel-body';
import { callEngine, engineError, eventsOf, need, valid } from './engine-calls';

/**
 * The routes answered by a QUERY to the engine (DESIGN §8): `orders_state`, `order_state`,
 * `account`, `positions`. Answers carry the engine's events as it printed them.
 */
export function registerQueryRoutes(app: FastifyInstance, engine: EngineLink | undefined): void {
  const ask = (q: EngineQuery): Promise<readonly EngineEvent[]> => {
    const link = need(engine);
    return callEngine(() => link.query(q));
  };

  app.get('/api/orders_state', async () => ({
    orders: eventsOf(await ask('ORDERS'), 'order_state'),
  }));

  app.get('/api/order_state', async (req) => {
    const id = valid(parseOrderStateQuery(req.query));
    const answer = await ask({ order: id });
    const state = eventsOf(answer, 'order_state').find((e) => e.client_order_id === id);
    if (state === undefined) throw new ApiError(404, 'not_found', `client_order_id: unknown ${id}`);
    return state;
  });

  app.get('/api/account', async () => {
    const answer = await ask('ACCOUNT');
    const account = eventsOf(answer, 'account').at(-1);
    if (account === undefined) throw noAnswer('account', answer);
    return account;
  });

  app.get('/api/positions', async () => ({
    positions: eventsOf(await ask('POSITIONS'), 'position'),
  }));
}

function noAnswer(what: string, answer: readonly EngineEvent[]): ApiError {
  const reason = engineError(answer) ?? `the engine's answer had no ${what}`;
  return new ApiError(502, 'engine_error', reason);
}
