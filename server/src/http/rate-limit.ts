import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isProtected } from './auth/protected-paths';
import { ApiError } from './errors';

/** Requests per window and client; the order bucket is separate and usually tighter. */
export interface RateLimitOptions {
  /** Requests per window on every protected route (`/api/*`, `/metrics`). */
  readonly max: number;
  /** Requests per window on `POST /api/order` and `POST /api/cancel`, each its own bucket. */
  readonly orderMax: number;
  readonly windowMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { max: 600, orderMax: 60, windowMs: 60_000 };

/** The route config that puts a route in the order bucket. */
export function orderBucket(opts: RateLimitOptions): { rateLimit: { max: number } } {
  return { rateLimit: { max: opts.orderMax } };
}

/**
 * Counts requests per client (session, API token, else IP) on protected routes only: the SPA's
 * files and the login link are not limited. Must be registered after the auth hook (which names
 * the client) and before the routes (the plugin attaches to routes as they are added).
 */
export async function registerRateLimit(
  app: FastifyInstance,
  opts: RateLimitOptions,
  onLimited: (req: FastifyRequest) => void,
): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: opts.max,
    timeWindow: opts.windowMs,
    allowList: (req) => !isProtected(req),
    keyGenerator: clientKey,
    onExceeded: onLimited,
    errorResponseBuilder: (_req, ctx) =>
      new ApiError(429, 'rate_limit_exceeded', `too many requests: retry in ${ctx.after}`),
  });
}

/** The rate-limit key: who the auth hook found, else the peer address. */
export function clientKey(req: FastifyRequest): string {
  const p = req.principal;
  if (p === null) return `ip:${req.ip}`;
  return p.kind === 'bearer' ? 'bearer' : `session:${p.session.key}`;
}
