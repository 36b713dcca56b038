// The HTTP server's public face: what main.ts (and the live wiring) use.
export {
  type AuthOptions,
  type BuildAppOptions,
  buildApp,
  DEFAULT_SSE,
  type SseOptions,
} from './app';
export { API_TOKEN_FILE, loadOrCreateApiToken } from './auth/api-token-file';
export { checkFixedToken, newSecret } from './auth/tokens';
export type { ApiErrorBody, ApiErrorCode } from './errors';
export { DEFAULT_LISTEN, formatUrl, type ListenConfig, readListenConfig } from './listen-config';
export { DEFAULT_RATE_LIMIT, type RateLimitOptions } from './rate-limit';
export type { ServerInfo } from './routes/config';
export type { ExecutionPing } from './routes/execution';
export { SECURITY_HEADERS } from './security-headers';
