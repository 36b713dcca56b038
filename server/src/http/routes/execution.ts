import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors';
import { need } from './engine-calls';

/** The live venue's round trip, for `GET /api/execution/ping`. */
export interface ExecutionPing {
  ping(): Promise<{ readonly latencyMs: number }>;
}

export function registerExecutionRoute(
  app: FastifyInstance,
  execution: ExecutionPing | null | undefined,
): void {
  app.get('/api/execution/ping', async (req) => {
    const exec = need(execution, 'no live venue is connected');
    try {
      const { latencyMs } = await exec.ping();
      return { ok: true, latency_ms: latencyMs };
    } catch (err) {
      req.log.warn({ err }, 'venue ping failed');
      throw new ApiError(503, 'execution_unavailable', 'the venue did not answer the ping');
    }
  });
}
