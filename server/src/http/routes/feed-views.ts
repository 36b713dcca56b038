import type { FastifyInstance } from 'fastify';
import type { EngineFeed } from '../engine-feed';
import { need } from './engine-calls';

/** Routes answered from the event feed, without asking the engine: market, orders, fills. */
export function registerFeedRoutes(app: FastifyInstance, feed: EngineFeed | undefined): void {
  app.get('/api/market', async () => ({ market: need(feed).lastMarket() }));
  app.get('/api/orders', async () => ({ events: need(feed).recentOrderEvents() }));
  app.get('/api/fills', async () => ({ fills: need(feed).recentFills() }));
}
