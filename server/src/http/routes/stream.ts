import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EngineFeed } from '../engine-feed';
import { ApiError } from '../errors';
import { SECURITY_HEADERS } from '../security-headers';
import { resetFrame } from '../sse/sse-frame';
import type { SseHub } from '../sse/sse-hub';
import { need } from './engine-calls';

interface StreamQuery {
  last_id?: unknown;
}

/** Milliseconds a browser's EventSource waits before reconnecting. */
const RETRY_MS = 2000;

/**
 * `GET /api/stream`: Server-Sent Events of every engine event. A client resumes with the
 * `Last-Event-ID` header (EventSource sends it on reconnect) or `?last_id=` (a first connect
 * after a REST fetch); when that id is no longer buffered it gets `event: reset` and refetches.
 */
export function registerStreamRoute(
  app: FastifyInstance,
  feed: EngineFeed | undefined,
  hub: SseHub,
): void {
  app.get<{ Querystring: StreamQuery }>('/api/stream', async (req, reply) => {
    const log = need(feed).log;
    const lastId = resumeId(req);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const backlog = log.since(lastId);
    const first =
      backlog.kind === 'reset'
        ? resetFrame(backlog.lastId, backlog.reason)
        : backlog.frames.join('');
    // Backlog and attach in one tick: no event can fall between them.
    hub.attach(res, `retry: ${RETRY_MS}\n\n${first}`);
  });
}

/** The id to resume after: the header wins (it is newer), then the query; `null` for none. */
function resumeId(req: FastifyRequest<{ Querystring: StreamQuery }>): number | null {
  const header = req.headers['last-event-id'];
  const query = req.query.last_id;
  const [field, raw] =
    typeof header === 'string' && header !== '' ? ['Last-Event-ID', header] : ['last_id', query];
  if (raw === undefined || raw === '') return null;
  if (typeof raw !== 'string' || !/^\d{1,16}$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
    throw new ApiError(400, 'bad_params', `${field}: expected a non-negative integer event id`);
  }
  return Number(raw);
}
