import 'fake-indexeddb/auto';
import { deleteDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { syntheticSample } from '../../../engine-core/src/market';
import { browserScheduler } from '../market/browser-scheduler';
import { IdbWalStore } from './idb-wal-store';
import type { LockManagerLike } from './leader';
import type { PaperFeedSpec } from './paper-api';
import { createPaperClient, type PaperClient, type PaperEngineHandle } from './paper-client';
import { PaperRuntime } from './paper-runtime';
import { DEFAULT_PAPER_CONFIG } from './paper-runtime-config';
import { PaperSettingsStore, settingsDbName } from './paper-settings';

// Node has BroadcastChannel (tabs) but no Web Locks: one holder per name, first come first served.
class FifoLocks implements LockManagerLike {
  private readonly _queue: Array<{
    cb: (l: unknown) => Promise<void>;
    done: (v: unknown) => void;
  }> = [];
  private _busy = false;
  request(
    _name: string,
    options: { mode: 'exclusive'; signal?: AbortSignal },
    cb: (lock: unknown) => Promise<void>,
  ): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const w = { cb, done: resolve };
      this._queue.push(w);
      options.signal?.addEventListener('abort', () => {
        const i = this._queue.indexOf(w);
        if (i >= 0) {
          this._queue.splice(i, 1);
          reject(new DOMException('aborted', 'AbortError'));
        }
      });
      setTimeout(() => this._grant(), 0);
    });
  }
  private _grant(): void {
    if (this._busy) return;
    const w = this._queue.shift();
    if (w === undefined) return;
    this._busy = true;
    void w.cb({}).then((v) => {
      this._busy = false;
      w.done(v);
      this._grant();
    });
  }
}

const REPLAY: PaperFeedSpec = {
  source: 'replay',
  symbol: 'BTCUSDT',
  datasetId: 'sample',
  speed: 36_000,
};
const CANDLES = syntheticSample({ bars: 2_000 });
let n = 0;
const open: PaperClient[] = [];

afterEach(async () => {
  for (const c of open.splice(0)) await c.close();
});

/** A tab: a client whose engine is a PaperRuntime in this process (no Worker in Node). */
function tab(name: string, db: string, locks: LockManagerLike, label: string): PaperClient {
  const c = createPaperClient({
    name,
    locks,
    tabId: label,
    startEngine: async (_start, onView): Promise<PaperEngineHandle> => {
      const rt = new PaperRuntime(
        { ...DEFAULT_PAPER_CONFIG, defaultFeed: REPLAY, viewEveryMs: 20 },
        {
          openStore: () => new IdbWalStore(db),
          deleteStore: () => deleteDB(db),
          settings: new PaperSettingsStore(settingsDbName(db)),
          scheduler: browserScheduler,
          liveFeed: () => ({ subscribe: () => () => {} }),
          loadCandles: async () => CANDLES,
          lookupStrategy: async () => undefined,
          onView,
        },
      );
      await rt.start();
      return {
        api: {
          submit: (o) => rt.submit(o),
          cancel: (id) => rt.cancel(id),
          cancelAll: () => rt.cancelAll(),
          setFeed: (f) => rt.setFeed(f),
          attachStrategy: (s) => rt.attachStrategy(s),
          detachStrategy: () => rt.detachStrategy(),
          resetAccount: (cash) => rt.resetAccount(cash),
          submitAlgo: (a) => rt.submitAlgo(a),
          controlAlgo: (id, action) => rt.controlAlgo(id, action),
          view: async () => rt.view(),
          inspect: () => rt.inspect(),
          close: () => rt.close(),
        },
        openMs: 0,
        terminate: () => {},
      };
    },
  });
  open.push(c);
  return c;
}

describe('createPaperClient: one leader runs the engine, followers see it and send it commands', () => {
  it('a follower’s order reaches the leader’s engine; when the leader leaves, the follower leads the same account', async () => {
    const name = `paper-client-${++n}`;
    const db = `${name}-wal`;
    const locks = new FifoLocks();
    const a = tab(name, db, locks, 'A');
    await vi.waitFor(() => expect(a.store.getState().status).toBe('running'), { timeout: 10_000 });
    const b = tab(name, db, locks, 'B');
    await vi.waitFor(() => {
      const v = b.store.getState();
      expect([v.role, v.status]).toEqual(['follower', 'running']);
      expect(v.lastPrice).not.toBeNull();
    });
    expect(a.store.getState().role).toBe('leader');
    const price = b.store.getState().lastPrice as number;
    const r = await b.commands.submit({
      side: 'BUY',
      type: 'LIMIT',
      price: Math.round(price * 91) / 100, // 9 % below: it rests
      qty: 0.01,
      tif: 'GTC',
      postOnly: false,
      reduceOnly: false,
    });
    expect(r).toEqual({ ok: true, clientOrderId: 't1' });
    for (const c of [a, b])
      await vi.waitFor(() =>
        expect(c.store.getState().openOrders.map((o) => o.clientOrderId)).toEqual(['t1']),
      );
    const before = await b.inspect();
    await a.close();
    await vi.waitFor(
      () => {
        const v = b.store.getState();
        expect([v.role, v.status]).toEqual(['leader', 'running']);
        expect(v.openOrders.map((o) => o.clientOrderId)).toEqual(['t1']);
      },
      { timeout: 10_000 },
    );
    const after = await b.inspect();
    expect(after?.orders.map((o) => o.request)).toEqual(before?.orders.map((o) => o.request));
    const next = await b.commands.submit({
      side: 'BUY',
      type: 'MARKET',
      qty: 0.001,
      tif: 'GTC',
      postOnly: false,
      reduceOnly: false,
    });
    expect(next).toEqual({ ok: true, clientOrderId: 't2' });
  });
});
