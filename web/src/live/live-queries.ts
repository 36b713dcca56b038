// TanStack Query hooks over LiveApi: one per resource, failures surfaced as LiveQueryError (the
// ApiError inside), since a query function must throw to fail.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiError, ApiResult } from './api-error';
import { HttpClient } from './http-client';
import { LiveApi } from './live-api';
import { setLiveSeen } from './live-seen';
import { type LiveQueryKey, liveKeys } from './query-keys';
import type { MarketPrices } from './stream-sync';

/** The app's API client. */
export const liveApi = new LiveApi(new HttpClient());

/** A failed query: the typed ApiError behind it. */
export class LiveQueryError extends Error {
  constructor(readonly apiError: ApiError) {
    super(apiError.message);
    this.name = 'LiveQueryError';
  }
}

/** The ApiError behind a query error (a thrown bug becomes a `bad_response`-like http error). */
export function apiErrorOf(e: unknown): ApiError {
  if (e instanceof LiveQueryError) return e.apiError;
  return { kind: 'http', status: 0, code: null, message: String(e) };
}

async function unwrap<T>(p: Promise<ApiResult<T>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new LiveQueryError(r.error);
  return r.value;
}

/** How often the live status is re-read without the stream (other pages, a missed event). */
export const STATUS_POLL_MS = 5_000;

export const useLiveConfig = () =>
  useQuery({ queryKey: liveKeys.config, queryFn: ({ signal }) => unwrap(liveApi.config(signal)) });

/** The live status; reading it (or a 401) also records whether this browser has a session. */
export const useLiveStatus = (enabled = true) =>
  useQuery({
    queryKey: liveKeys.status,
    queryFn: async ({ signal }) => {
      const r = await liveApi.live(signal);
      if (r.ok) setLiveSeen(true);
      else if (r.error.kind === 'auth') setLiveSeen(false);
      return unwrap(Promise.resolve(r));
    },
    refetchInterval: STATUS_POLL_MS,
    enabled,
  });

export const useCredentialOrigins = (enabled: boolean) =>
  useQuery({
    queryKey: liveKeys.credentials,
    queryFn: ({ signal }) => unwrap(liveApi.credentials(signal)),
    enabled,
  });

export const useLiveOrders = (enabled: boolean) =>
  useQuery({
    queryKey: liveKeys.orders,
    queryFn: ({ signal }) => unwrap(liveApi.orders(signal)),
    enabled,
  });

export const useLiveFills = (enabled: boolean) =>
  useQuery({
    queryKey: liveKeys.fills,
    queryFn: ({ signal }) => unwrap(liveApi.fills(signal)),
    enabled,
  });

export const useLiveBalances = (enabled: boolean) =>
  useQuery({
    queryKey: liveKeys.account,
    queryFn: ({ signal }) => unwrap(liveApi.account(signal)),
    enabled,
  });

export const useLivePositions = (enabled: boolean) =>
  useQuery({
    queryKey: liveKeys.positions,
    queryFn: ({ signal }) => unwrap(liveApi.positions(signal)),
    enabled,
  });

const NO_PRICES: MarketPrices = {};

/** Last prices from the stream's `market` events (written by stream-sync, never fetched). */
export const useMarketPrices = (): MarketPrices =>
  useQuery({
    queryKey: liveKeys.market,
    queryFn: () => NO_PRICES,
    enabled: false,
    initialData: NO_PRICES,
  }).data;

/**
 * A call that changes server state, as a mutation: its ApiError on failure, and the queries it
 * makes stale refetched once it has settled (either way: a refusal may still have changed them).
 */
export function useLiveAction<A, T>(
  call: (arg: A) => Promise<ApiResult<T>>,
  stale: readonly LiveQueryKey[],
) {
  const client = useQueryClient();
  return useMutation<T, LiveQueryError, A>({
    mutationFn: (arg) => unwrap(call(arg)),
    onSettled: () => {
      for (const queryKey of stale) void client.invalidateQueries({ queryKey });
    },
  });
}
