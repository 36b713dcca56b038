// The live trading client: the server's API, its event stream, and the stream's state.
export {
  type ApiError,
  type ApiResult,
  describeApiError,
  SIGN_IN_HINT,
} from './api-error';
export {
  type CredentialOrigin,
  type KillSwitch,
  type LiveBalance,
  type LiveBreaker,
  type LiveConfig,
  type LiveFill,
  type LiveOrder,
  type LivePosition,
  type LiveStatus,
  needsPassphrase,
  type OrderAck,
  type OrderRequestBody,
  VENUE_IDS,
  type VenueConnection,
  type VenueId,
} from './live-api';
export {
  apiErrorOf,
  LiveQueryError,
  liveApi,
  useCredentialOrigins,
  useLiveAction,
  useLiveBalances,
  useLiveConfig,
  useLiveFills,
  useLiveOrders,
  useLivePositions,
  useLiveStatus,
  useMarketPrices,
} from './live-queries';
export { liveSeen } from './live-seen';
export { liveStreamStore, type StreamNotice, useLiveStream } from './live-store';
export type { StreamState } from './live-stream';
export { liveKeys } from './query-keys';
export { startStreamSync } from './stream-sync';
