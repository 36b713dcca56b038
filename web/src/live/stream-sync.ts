// Joins the SSE stream to the query cache: each event marks the server data it changed as stale
// (refetched over REST, which stays the one source of truth), batched so a burst of events costs
// one refetch per query; a `reset` refetches everything.
import type { QueryClient } from '@tanstack/react-query';
import type { LiveStreamStore } from './live-store';
import { LiveStream, type LiveStreamOptions } from './live-stream';
import { type LiveQueryKey, liveKeys } from './query-keys';
import type { StreamEvent } from './stream-events';

/** Last price per symbol, kept in the query cache under liveKeys.market. */
export type MarketPrices = Readonly<Record<string, number>>;

/** The queries an event makes stale. */
export function staleKeysOf(e: StreamEvent): readonly LiveQueryKey[] {
  switch (e.type) {
    case 'order_update':
      return [liveKeys.orders];
    case 'fill':
      return [liveKeys.fills, liveKeys.orders, liveKeys.account, liveKeys.positions];
    case 'account':
      return [liveKeys.account];
    case 'position':
      return [liveKeys.positions];
    case 'market':
      return [];
    case 'routine':
      return [liveKeys.orders];
    case 'notice':
      // Router events (arming, the kill switch, the venue connection, reconciliation) change
      // the live status; a reconciliation may have settled orders and moved balances too.
      switch (e.name) {
        case 'reconciliation':
        case 'engine_started':
          return [
            liveKeys.status,
            liveKeys.orders,
            liveKeys.account,
            liveKeys.positions,
            liveKeys.fills,
          ];
        case 'live':
        case 'kill_switch':
        case 'breaker':
        case 'connection':
          return [liveKeys.status, liveKeys.orders];
        case 'route_refused':
          return [liveKeys.orders];
        default:
          return [];
      }
    case 'reset':
      return [liveKeys.all];
  }
}

export interface StreamSyncOptions extends LiveStreamOptions {
  /** How long events are gathered before the stale queries refetch. */
  readonly batchMs?: number;
}

/** Opens the stream and keeps the cache and the store in step; returns the stop function. */
export function startStreamSync(
  client: QueryClient,
  store: LiveStreamStore,
  opts: StreamSyncOptions = {},
): () => void {
  const setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const batchMs = opts.batchMs ?? 50;
  const pending = new Map<string, LiveQueryKey>();
  let flushing = false;
  const flush = (): void => {
    flushing = false;
    const keys = [...pending.values()];
    pending.clear();
    for (const queryKey of keys) void client.invalidateQueries({ queryKey });
  };
  const markStale = (keys: readonly LiveQueryKey[]): void => {
    for (const k of keys) pending.set(k.join('/'), k);
    if (keys.length === 0 || flushing) return;
    flushing = true;
    setTimer(flush, batchMs);
  };

  const s = store.getState();
  const stream = new LiveStream(
    {
      onEvent: (e, id) => {
        s.sawEvent(id);
        if (e.type === 'reset') s.sawReset();
        if (e.type === 'notice') s.addNotice(e.name, e.text);
        if (e.type === 'market')
          client.setQueryData<MarketPrices>(liveKeys.market, (m) => ({
            ...m,
            [e.symbol]: e.price,
          }));
        markStale(staleKeysOf(e));
      },
      onBadEvent: (message) => s.setBadEvent(message),
      onState: (state) => {
        s.setStream(state);
        // Back after a gap: what happened meanwhile comes as a backlog or a reset, but the
        // status (armed, kill switch) is not an engine event, so it is refetched.
        if (state.state === 'open') markStale([liveKeys.status]);
      },
    },
    opts,
  );
  return () => stream.stop();
}
