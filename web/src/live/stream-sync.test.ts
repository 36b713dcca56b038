import { QueryClient } from '@tanstack/react-query';
import { beforeEach, describe, expect, it } from 'vitest';
import { createLiveStreamStore } from './live-store';
import { liveKeys } from './query-keys';
import { startStreamSync } from './stream-sync';
import { FakeEventSource } from './testing/fake-event-source';

/** A client whose live queries all hold data, so invalidation is visible on each. */
function seededClient(): QueryClient {
  const client = new QueryClient();
  for (const key of [
    liveKeys.status,
    liveKeys.orders,
    liveKeys.fills,
    liveKeys.account,
    liveKeys.positions,
    liveKeys.config,
  ])
    client.setQueryData(key, []);
  return client;
}

const stale = (c: QueryClient): string[] =>
  c
    .getQueryCache()
    .getAll()
    .filter((q) => q.state.isInvalidated)
    .map((q) => (q.queryKey as readonly string[]).join('/'))
    .sort();

function setup() {
  const client = seededClient();
  const store = createLiveStreamStore();
  const timers: (() => void)[] = [];
  const stop = startStreamSync(client, store, {
    factory: (url) => new FakeEventSource(url),
    setTimer: (fn) => timers.push(fn),
    clearTimer: () => {},
  });
  const flush = (): void => {
    for (const t of timers.splice(0)) t();
  };
  return { client, store, stop, flush, es: FakeEventSource.last() };
}

beforeEach(() => FakeEventSource.reset());

describe('startStreamSync', () => {
  it('marks what a fill changed stale, once per burst', () => {
    const { client, es, flush } = setup();
    es.send(
      'fill',
      {
        ts_ns: 1,
        client_order_id: 'a',
        symbol: 'BTCUSDT',
        side: 'BUY',
        qty: 1,
        price: 2,
        fee: 0,
        fee_asset: 'USDT',
        liquidity: 'TAKER',
      },
      '1',
    );
    es.send('order_update', { client_order_id: 'a', status: 'FILLED' }, '2');
    expect(stale(client)).toEqual([]); // gathered, not yet flushed
    flush();
    expect(stale(client)).toEqual(['live/account', 'live/fills', 'live/orders', 'live/positions']);
  });

  it('an order update only touches orders; a reset refetches every live query', () => {
    const { client, store, es, flush } = setup();
    es.send('order_update', { client_order_id: 'a', status: 'ACCEPTED' }, '3');
    flush();
    expect(stale(client)).toEqual(['live/orders']);
    es.send('reset', '{"reason":"unknown_id","last_id":10}', '10');
    flush();
    expect(stale(client)).toEqual([
      'live/account',
      'live/config',
      'live/fills',
      'live/orders',
      'live/positions',
      'live/status',
    ]);
    expect(store.getState()).toMatchObject({ resets: 1, lastEventId: '10' });
  });

  it('keeps market prices in the cache and router notices in the store', () => {
    const { client, store, es, flush } = setup();
    es.send('market', { symbol: 'BTCUSDT', price: 50000 }, '4');
    es.send('market', { symbol: 'ETHUSDT', price: 3000 }, '5');
    es.send('kill_switch', { reason: 'manual' }, '6');
    flush();
    expect(client.getQueryData(liveKeys.market)).toEqual({ BTCUSDT: 50000, ETHUSDT: 3000 });
    expect(store.getState().notices).toEqual([{ seq: 1, name: 'kill_switch', text: 'manual' }]);
    expect(stale(client)).toEqual(['live/orders', 'live/status']);
  });

  it('shows a frame that does not parse, and the connection state', () => {
    const { store, es, stop } = setup();
    expect(store.getState().stream).toEqual({ state: 'connecting' });
    es.open();
    expect(store.getState().stream).toEqual({ state: 'open' });
    es.send('account', { balances: 'none' }, '8');
    expect(store.getState().badEvent).toMatch(/^account: balances: /);
    stop();
    expect(es.closed).toBe(true);
    expect(store.getState().stream).toEqual({ state: 'stopped' });
  });
});
