import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, {
  type FastifyInstance,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import type { EngineLink } from '../engine-process/engine-link';
import type { CredentialSource } from '../live/credentials/credential-source';
import { registerAuthHooks } from './auth/auth-hooks';
import { type AuthSecrets, AuthState } from './auth/auth-state';
import { allowedHosts } from './auth/origin-check';
import { pathOf } from './auth/protected-paths';
import { newSecret } from './auth/tokens';
import { EngineFeed } from './engine-feed';
import { handleError, sendError } from './errors';
import { loggerOptions } from './logging';
import { registerMetrics, ServerMetrics } from './metrics';
import { DEFAULT_RATE_LIMIT, type RateLimitOptions, registerRateLimit } from './rate-limit';
import { OFFLINE_INFO, registerConfigRoute, type ServerInfo } from './routes/config';
import { registerCredentialRoutes } from './routes/credentials';
import { type ExecutionPing, registerExecutionRoute } from './routes/execution';
import { registerFeedRoutes } from './routes/feed-views';
import { type LiveControl, registerLiveRoutes } from './routes/live';
import { registerOrderRoutes } from './routes/orders';
import { registerQueryRoutes } from './routes/queries';
import { registerStreamRoute } from './routes/stream';
import { SECURITY_HEADERS } from './security-headers';
import { eventName } from './sse/sse-frame';
import { SseHub } from './sse/sse-hub';

export type { ApiErrorBody } from './errors';
export { SECURITY_HEADERS } from './security-headers';

/** Who may call the API and from where. */
export interface AuthOptions extends AuthSecrets {
  /** The host the server listens on: accepted in `Origin` besides the loopback names. */
  readonly listenHost?: string;
  /** The port in an accepted `Origin`; by default the port each request came in on. */
  readonly port?: number;
  /** Browser sessions kept at most (oldest dropped first). */
  readonly maxSessions?: number;
}

/** `/api/stream` settings. */
export interface SseOptions {
  /** Events kept for resume by id. */
  readonly bufferSize: number;
  /** Order events and fills kept for `GET /api/orders` and `GET /api/fills`. */
  readonly recentSize: number;
  readonly keepAliveMs: number;
  /** Unread bytes past which a stream client is dropped. */
  readonly maxBufferedBytes: number;
}

export const DEFAULT_SSE: SseOptions = {
  bufferSize: 10_000,
  recentSize: 1_000,
  keepAliveMs: 10_000,
  maxBufferedBytes: 4 * 1024 * 1024,
};

/** Options of {@link buildApp}; everything is optional so a bare `buildApp()` serves offline. */
export interface BuildAppOptions {
  /** Absolute path of the built SPA (`dist/`); omit to serve the API only. */
  staticDir?: string;
  /** Fastify logger settings; `false` (the default) keeps tests quiet. Secrets are redacted. */
  logger?: FastifyServerOptions['logger'];
  /** The engine behind the API; without one, engine routes answer 503 execution_unavailable. */
  engine?: EngineLink;
  /** Exchange keys; without it, `/api/credentials` answers 503. */
  credentials?: CredentialSource;
  /** The live venue's ping; `null`/absent when no live venue is connected. */
  execution?: ExecutionPing | null;
  /** Tokens; without them the API is locked (fresh random tokens nobody was told). */
  auth?: AuthOptions;
  sse?: Partial<SseOptions>;
  rateLimit?: Partial<RateLimitOptions>;
  /** Milliseconds since the epoch; stream ids start after `now() × 1000` so runs never overlap. */
  clock?: { now(): number };
  /** The live desk behind `/api/live` and `/api/kill_switch`; without it they answer 503. */
  live?: LiveControl;
  /** What `GET /api/config` reports. */
  info?: ServerInfo;
  /** Largest request body in bytes. */
  bodyLimit?: number;
  /** Node's process metrics (CPU, memory, event loop) in `/metrics`; on by default. */
  processMetrics?: boolean;
}

/**
 * Builds the VeloZ HTTP server without listening, so tests can drive it with `app.inject`:
 * `GET /health`, the API of DESIGN §9 behind a session or bearer token, `/metrics`, and the
 * static SPA (open to all: a backtest needs no login) with fallback to `index.html`.
 */
export async function buildApp(opts: BuildAppOptions = {}): Promise<FastifyInstance> {
  const clock = opts.clock ?? { now: Date.now };
  const sse: SseOptions = { ...DEFAULT_SSE, ...opts.sse };
  const limits: RateLimitOptions = { ...DEFAULT_RATE_LIMIT, ...opts.rateLimit };
  const auth = opts.auth ?? { apiToken: newSecret(), launchToken: null };
  const app = Fastify({
    logger: loggerOptions(opts.logger),
    bodyLimit: opts.bodyLimit ?? 64 * 1024,
  });

  app.setErrorHandler(handleError);
  // JSON only: a text/plain POST is what a cross-site form can send without a preflight.
  app.removeContentTypeParser('text/plain');
  app.addHook('onSend', async (_req, reply) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
  });

  const metrics = new ServerMetrics(opts.engine, opts.processMetrics ?? true);
  const hub = new SseHub(sse, {
    clientsChanged: (n) => metrics.sseClients.set(n),
    clientDropped: () => metrics.sseDropped.inc(),
  });
  const feed =
    opts.engine === undefined
      ? undefined
      : new EngineFeed(
          opts.engine,
          {
            bufferSize: sse.bufferSize,
            recentSize: sse.recentSize,
            startAfter: clock.now() * 1000,
          },
          (event, logged) => {
            metrics.events.inc({ type: eventName(event.type) });
            hub.broadcast(logged.frame);
          },
        );
  app.addHook('preClose', async () => hub.closeAll());
  app.addHook('onClose', async () => feed?.close());

  await app.register(fastifyCookie);
  registerAuthHooks(app, {
    state: new AuthState(auth, clock.now, auth.maxSessions),
    hosts: allowedHosts(auth.listenHost),
    ...(auth.port !== undefined && { port: auth.port }),
  });
  await registerRateLimit(app, limits, () => metrics.rateLimited.inc());
  registerMetrics(app, metrics);

  app.get('/health', async () => ({ ok: true }));
  registerConfigRoute(app, opts.info ?? OFFLINE_INFO, opts.engine, opts.credentials);
  registerFeedRoutes(app, feed);
  registerQueryRoutes(app, opts.engine);
  registerOrderRoutes(app, opts.engine, limits);
  registerCredentialRoutes(app, opts.credentials, limits);
  registerExecutionRoute(app, opts.execution);
  registerLiveRoutes(app, opts.live, limits);
  registerStreamRoute(app, feed, hub);

  const staticDir = opts.staticDir;
  if (staticDir !== undefined) {
    await app.register(fastifyStatic, {
      root: staticDir,
      index: ['index.html'],
      setHeaders(reply, filePath) {
        // Vite puts content-hashed files under assets/; everything else must be revalidated.
        const immutable = /[\\/]assets[\\/]/.test(filePath);
        reply.header(
          'cache-control',
          immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }

  app.setNotFoundHandler((req, reply) => {
    if (staticDir !== undefined && isSpaNavigation(req)) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    return sendError(reply, 404, 'not_found', `No route for ${req.method} ${pathOf(req.url)}`);
  });

  return app;
}

const API_PREFIX = /^\/api(\/|$|\?)/;

/** A browser navigation to a client-side route: GET/HEAD, outside `/api`, asking for HTML. */
function isSpaNavigation(req: FastifyRequest): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (API_PREFIX.test(req.url)) return false;
  const accept = req.headers.accept ?? '';
  return accept.includes('text/html');
}
