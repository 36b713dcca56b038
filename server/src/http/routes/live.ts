import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ArmResult, LiveStatus } from '../../live/desk/live-desk';
import { ApiError } from '../errors';
import { orderBucket, type RateLimitOptions } from '../rate-limit';
import { parseKillSwitchBody, parseLiveBody } from '../schemas/live-body';
import { parseWith } from '../schemas/parse-result';
import { valid } from './engine-calls';

/** The live desk as the API sees it (server/src/live/desk/live-desk.ts). */
export interface LiveControl {
  status(): Promise<LiveStatus>;
  arm(confirm: string): Promise<ArmResult>;
  disarm(): void;
  engageKillSwitch(reason: string): Promise<ArmResult>;
  releaseKillSwitch(): ArmResult;
  resetBreaker(): ArmResult;
}

/** `POST /api/breaker/reset` takes no fields: an empty object (or no body). */
const resetShape = z.strictObject({});

/**
 * `GET /api/live` (the desk: armed, phase, kill switch, circuit breaker, venue connection, where
 * the keys come from), `POST /api/live` (arm with the venue named / disarm),
 * `POST /api/kill_switch`, `POST /api/breaker/reset` (close the circuit breaker by hand).
 * A declined action is `200 {ok:false, reason}` like a rejected order; the writes share
 * the order bucket.
 */
export function registerLiveRoutes(
  app: FastifyInstance,
  live: LiveControl | undefined,
  limits: RateLimitOptions,
): void {
  const desk = (): LiveControl => {
    if (live === undefined) {
      throw new ApiError(503, 'execution_unavailable', 'this server has no live venue');
    }
    return live;
  };

  app.get('/api/live', async () => desk().status());

  app.post('/api/live', { config: orderBucket(limits) }, async (req) => {
    const body = valid(parseLiveBody(req.body));
    const d = desk();
    if (body.armed) {
      const r = await d.arm(body.confirm);
      return { ...r, live: await d.status() };
    }
    d.disarm();
    return { ok: true, live: await d.status() };
  });

  app.post('/api/kill_switch', { config: orderBucket(limits) }, async (req) => {
    const body = valid(parseKillSwitchBody(req.body));
    const d = desk();
    const r = body.engaged
      ? await d.engageKillSwitch(body.reason ?? 'kill switch pressed')
      : d.releaseKillSwitch();
    return { ...r, live: await d.status() };
  });

  app.post('/api/breaker/reset', { config: orderBucket(limits) }, async (req) => {
    valid(parseWith(resetShape, req.body ?? {}));
    const d = desk();
    const r = d.resetBreaker();
    return { ...r, live: await d.status() };
  });
}
