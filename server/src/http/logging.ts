import type { FastifyServerOptions } from 'fastify';

type LoggerSetting = FastifyServerOptions['logger'];

/** Where secrets can sit in what the server logs; pino replaces them with the censor. */
export const REDACT_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'body.api_key',
  'body.api_secret',
  'body.passphrase',
  '*.api_key',
  '*.api_secret',
  '*.passphrase',
  '*.apiKey',
  '*.apiSecret',
];

export const CENSOR = '[REDACTED]';

/** A URL with the value of every `token` query parameter censored (launch and login links). */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:token|access_token)=)[^&#]*/gi, `$1${CENSOR}`);
}

/**
 * The app's logger settings: the caller's (level, stream...) plus redaction of credentials,
 * tokens and cookies, and a request serializer that censors `?token=` in URLs. `false` stays off.
 */
export function loggerOptions(logger: LoggerSetting): LoggerSetting {
  if (logger === undefined || logger === false) return false;
  const base = logger === true ? {} : logger;
  return {
    ...base,
    redact: { paths: [...REDACT_PATHS], censor: CENSOR },
    serializers: {
      ...base.serializers,
      // Also called on whatever a caller logs as `req`, so nothing here may be assumed present.
      req: (req) => ({
        method: req.method,
        url: typeof req.url === 'string' ? redactUrl(req.url) : undefined,
        host: req.host,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
    },
  };
}
