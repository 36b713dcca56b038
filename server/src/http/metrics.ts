import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { EngineLink, EngineStatus } from '../engine-process/engine-link';

/** The server's Prometheus metrics, in a registry of its own (one per app, not the global one). */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<'method' | 'route' | 'status'>;
  readonly duration: Histogram<'method' | 'route'>;
  readonly sseClients: Gauge;
  readonly sseDropped: Counter;
  readonly events: Counter<'type'>;
  readonly rateLimited: Counter;

  constructor(engine: EngineLink | undefined, processMetrics: boolean) {
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'veloz_http_requests_total',
      help: 'HTTP requests answered, by route pattern and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.duration = new Histogram({
      name: 'veloz_http_request_duration_seconds',
      help: 'Time to answer an HTTP request (SSE streams excluded)',
      labelNames: ['method', 'route'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers,
    });
    this.sseClients = new Gauge({
      name: 'veloz_sse_clients',
      help: 'Open /api/stream connections',
      registers,
    });
    this.sseDropped = new Counter({
      name: 'veloz_sse_clients_dropped_total',
      help: 'Stream clients disconnected for reading too slowly',
      registers,
    });
    this.events = new Counter({
      name: 'veloz_engine_events_total',
      help: 'Engine events published to the stream, by type',
      labelNames: ['type'],
      registers,
    });
    this.rateLimited = new Counter({
      name: 'veloz_rate_limited_total',
      help: 'Requests refused with 429',
      registers,
    });
    if (engine !== undefined) {
      new Gauge({
        name: 'veloz_engine_state',
        help: 'The engine process state (1 for the current one)',
        labelNames: ['state'],
        registers,
        collect() {
          const now = engine.status();
          for (const s of ENGINE_STATES) this.set({ state: s }, s === now.state ? 1 : 0);
        },
      });
      new Gauge({
        name: 'veloz_engine_restart_attempt',
        help: 'Restart attempt under way (0 when not restarting)',
        registers,
        collect() {
          const now = engine.status();
          this.set(now.state === 'restarting' ? now.attempt : 0);
        },
      });
    }
    if (processMetrics) collectDefaultMetrics({ register: this.registry });
  }
}

const ENGINE_STATES: readonly EngineStatus['state'][] = [
  'starting',
  'running',
  'restarting',
  'stopped',
];

/**
 * Counts every answer by its route pattern (not its URL: ids and tokens stay out of the labels,
 * and unknown paths share one `not_found` series) and serves `GET /metrics`.
 */
export function registerMetrics(app: FastifyInstance, metrics: ServerMetrics): void {
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'not_found';
    const status = String(reply.statusCode);
    metrics.requests.inc({ method: req.method, route, status });
    metrics.duration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', async (_req, reply) => {
    const text = await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).send(text);
  });
}
