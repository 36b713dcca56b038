import fastifyStatic from '@fastify/static';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';

/** Options of {@link buildApp}. */
export interface BuildAppOptions {
  /** Absolute path of the built SPA (`dist/`); omit to serve the API only. */
  staticDir?: string;
  /** Fastify logger settings; `false` (the default) keeps tests quiet. */
  logger?: FastifyServerOptions['logger'];
}

/** The JSON body of every error answer (DESIGN §9). */
export interface ApiErrorBody {
  error: string;
  message: string;
}

/**
 * On every answer. Cross-origin isolation (COOP + COEP) lets the optimizer share candles with its
 * workers through a SharedArrayBuffer; the rest keep the app from being framed or sniffed.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

const API_PREFIX = /^\/api(\/|$|\?)/;

/**
 * Builds the VeloZ HTTP server without listening, so tests can drive it with `app.inject`.
 * Routes: `GET /health`, the static SPA with fallback to `index.html`, JSON errors elsewhere.
 */
export async function buildApp(opts: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false });

  app.setErrorHandler(handleError);
  app.addHook('onSend', async (_req, reply) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
  });

  app.get('/health', async () => ({ ok: true }));

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

/** A browser navigation to a client-side route: GET/HEAD, outside `/api`, asking for HTML. */
function isSpaNavigation(req: FastifyRequest): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (API_PREFIX.test(req.url)) return false;
  const accept = req.headers.accept ?? '';
  return accept.includes('text/html');
}

function handleError(err: FastifyError, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const status = err.statusCode ?? 500;
  if (status >= 500) {
    req.log.error({ err }, 'request failed');
    return sendError(reply, status, 'internal_error', 'Internal server error');
  }
  if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) {
    return sendError(reply, 400, 'bad_json', err.message);
  }
  if (err.validation) return sendError(reply, 400, 'bad_params', err.message);
  return sendError(reply, status, 'bad_request', err.message);
}

function sendError(
  reply: FastifyReply,
  status: number,
  error: string,
  message: string,
): FastifyReply {
  const body: ApiErrorBody = { error, message };
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}
