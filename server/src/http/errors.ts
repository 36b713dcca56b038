import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/** The error codes of DESIGN §9 (the seed gateway's), plus the HTTP-level ones this server adds. */
export type ApiErrorCode =
  | 'bad_params'
  | 'bad_json'
  | 'bad_request'
  | 'not_found'
  | 'authentication_required'
  | 'forbidden'
  | 'rate_limit_exceeded'
  | 'execution_unavailable'
  | 'engine_error'
  | 'credentials_unavailable'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'internal_error';

/** The JSON body of every error answer (DESIGN §9). */
export interface ApiErrorBody {
  error: ApiErrorCode;
  message: string;
}

/** An expected refusal, thrown from a hook or handler and answered as `{error, message}`. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Writes one error answer. */
export function sendError(
  reply: FastifyReply,
  status: number,
  error: ApiErrorCode,
  message: string,
): FastifyReply {
  const body: ApiErrorBody = { error, message };
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

/**
 * The app's error handler: our own ApiErrors as they are, fastify's body-parser errors mapped to
 * the DESIGN §9 codes, anything else a 500 that is logged (never its message, which may say more
 * than a client should see).
 */
export function handleError(
  err: FastifyError | ApiError,
  req: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (err instanceof ApiError) return sendError(reply, err.statusCode, err.code, err.message);
  const status = err.statusCode ?? 500;
  if (status >= 500) {
    req.log.error({ err }, 'request failed');
    return sendError(reply, 500, 'internal_error', 'Internal server error');
  }
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return sendError(reply, 400, 'bad_json', 'body: not valid JSON');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return sendError(reply, 400, 'bad_json', 'body: empty, but the content type is JSON');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return sendError(reply, 415, 'unsupported_media_type', 'body: send application/json');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return sendError(reply, 413, 'payload_too_large', 'body: larger than the limit');
    default:
      break;
  }
  // JSON.parse's own SyntaxError (and secure-json-parse's __proto__ refusal) quote the body:
  // a credential body must not come back in an error, so the message is ours.
  if (err instanceof SyntaxError) return sendError(reply, 400, 'bad_json', 'body: not valid JSON');
  if (err.validation) return sendError(reply, 400, 'bad_params', err.message);
  return sendError(reply, status, 'bad_request', err.message);
}
