import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EngineState } from '../../engine/engine-state';
import { serializeState } from '../../engine/state-codec';
import { asset, clientOrderId, type StateEvent, symbolId, timestampMs } from '../../model';
import { recoverState } from '../recover';
import type { WalRecord, WalSnapshot, WalStore } from '../wal-store';
import { openWal, WalWriter } from '../wal-writer';
import { freshPaperState, PaperSession, paperSessionEvents } from './engine-session';

/** How the contract gets stores of one implementation. */
export interface WalStoreHarness {
  /** A new, empty store with storage of its own. */
  create(): WalStore | Promise<WalStore>;
  /**
   * A store over the same storage as `store`, as a restarted tab or process finds it. `store`
   * is not used afterwards (the harness may close it).
   */
  reopen(store: WalStore): WalStore | Promise<WalStore>;
}

const ts = timestampMs(1_700_000_000_000);
const id = clientOrderId('c1');
const BTCUSDT = symbolId('BTCUSDT');
const request = {
  type: 'STOP_LIMIT',
  stopPrice: 48_000,
  price: 47_900.5,
  clientOrderId: id,
  symbol: BTCUSDT,
  side: 'SELL',
  qty: 0.25,
  tif: 'GTC',
  postOnly: false,
  reduceOnly: true,
} as const;

/** One event of every `StateEvent` type, with awkward strings and numbers. */
export const ONE_OF_EACH: readonly StateEvent[] = [
  { type: 'funds_deposited', ts, asset: asset('USDT'), amount: 10_000 },
  { type: 'order_submitted', ts, request, seq: 3, reserved: { asset: 'BTC', amount: 0.25 } },
  { type: 'order_denied', ts, request, seq: 4, reason: 'max_order_notional: 60000 > 50000' },
  { type: 'order_accepted', ts, clientOrderId: id, venueOrderId: 'v-9' },
  { type: 'order_rejected', ts, clientOrderId: id, reason: 'line\nbreak "quoted" €𝄞' },
  { type: 'order_triggered', ts, clientOrderId: id },
  {
    type: 'order_filled',
    ts,
    clientOrderId: id,
    symbol: BTCUSDT,
    side: 'SELL',
    status: 'PARTIALLY_FILLED',
    qty: 0.1,
    price: 47_950.123456789,
    fee: 4.795e-9,
    feeAsset: asset('USDT'),
    liquidity: 'TAKER',
  },
  { type: 'order_cancelled', ts, clientOrderId: id, reason: null },
  { type: 'order_expired', ts, clientOrderId: id, reason: 'IOC' },
  { type: 'market_updated', ts, symbol: BTCUSDT, price: 1e-7 },
  { type: 'kill_switch_tripped', ts, reason: 'max_drawdown: 21% > 20%' },
];

/** Records numbered `from`, `from + 1`, ... for the events. */
export const numbered = (from: number, events: readonly StateEvent[]): WalRecord[] =>
  events.map((event, i) => ({ seq: from + i, event }));

/** Deep equality that also pins the insertion order of every Map and Set. */
export function expectSameState(actual: EngineState, expected: EngineState): void {
  expect(actual).toStrictEqual(expected);
  expect(serializeState(actual)).toStrictEqual(serializeState(expected));
}

const jsonCopy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/**
 * The semantics every `WalStore` shares (the memory store is the reference): batches load back
 * in order and equal, compaction keeps exactly the records after the snapshot, a refused batch
 * stores nothing, a reopened store sees everything acknowledged, a closed store refuses calls,
 * and `recoverState` over the store equals the live engine after a random seeded session.
 */
export function describeWalStoreContract(name: string, harness: WalStoreHarness): void {
  describe(`WalStore contract: ${name}`, () => {
    it('starts empty; appends batches and loads them back in order, equal', async () => {
      const store = await harness.create();
      expect(await store.load()).toStrictEqual({ snapshot: null, records: [] });
      const events = [...ONE_OF_EACH, ...paperSessionEvents(1, 300)];
      const all = numbered(1, events);
      await store.append(all.slice(0, 1));
      await store.append([]);
      await store.append(all.slice(1, 11));
      await store.append(all.slice(11));
      expect(await store.load()).toStrictEqual({ snapshot: null, records: all });
      const again = await harness.reopen(store);
      expect(await again.load()).toStrictEqual({ snapshot: null, records: all });
      await again.close();
    });

    it('compacts: keeps the snapshot and exactly the records after it; appends continue', async () => {
      let store = await harness.create();
      const events = paperSessionEvents(2, 60);
      const all = numbered(1, events);
      await store.append(all.slice(0, 40));
      const first: WalSnapshot = { seq: 25, state: { note: 'first', list: [1, 2.5, 'x'] } };
      await store.compact(first);
      expect(await store.load()).toStrictEqual({ snapshot: first, records: all.slice(25, 40) });
      await store.append(all.slice(40, 50));
      const second: WalSnapshot = { seq: 50, state: { note: 'second' } };
      await store.compact(second);
      expect(await store.load()).toStrictEqual({ snapshot: second, records: [] });
      await store.append(all.slice(50));
      store = await harness.reopen(store);
      expect(await store.load()).toStrictEqual({ snapshot: second, records: all.slice(50) });
      await store.close();
    });

    it('stores a serialized engine state as plain data', async () => {
      const session = new PaperSession(3);
      const events = session.start();
      for (let i = 0; i < 400; i++) events.push(...session.step());
      const store = await harness.create();
      await store.append(numbered(1, events));
      const state = serializeState(session.engine.state as EngineState);
      await store.compact({ seq: events.length, state });
      const loaded = await (await harness.reopen(store)).load();
      expect(loaded.snapshot?.seq).toBe(events.length);
      expect(loaded.snapshot?.state).toEqual(jsonCopy(state));
    });

    it('refuses a batch holding a number JSON cannot hold, and stores none of it', async () => {
      const store = await harness.create();
      const ok = numbered(1, ONE_OF_EACH.slice(0, 3));
      await store.append(ok.slice(0, 1));
      const bad: StateEvent = { type: 'market_updated', ts, symbol: BTCUSDT, price: Number.NaN };
      await expect(store.append([...ok.slice(1), { seq: 4, event: bad }])).rejects.toThrow(
        /cannot journal NaN in field "price"/,
      );
      await expect(
        store.compact({ seq: 1, state: { x: Number.POSITIVE_INFINITY } }),
      ).rejects.toThrow(/cannot journal Infinity in field "x"/);
      expect(await store.load()).toStrictEqual({ snapshot: null, records: ok.slice(0, 1) });
      await store.close();
    });

    it('refuses every call once closed', async () => {
      const store = await harness.create();
      await store.append(numbered(1, ONE_OF_EACH.slice(0, 1)));
      await store.close();
      await expect(store.load()).rejects.toThrow('WAL store is closed');
      await expect(store.append(numbered(2, ONE_OF_EACH.slice(0, 1)))).rejects.toThrow(
        'WAL store is closed',
      );
      await expect(store.compact({ seq: 1, state: {} })).rejects.toThrow('WAL store is closed');
    });

    it('recoverState over the store equals the live engine after a random seeded session (property)', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
            steps: fc.integer({ min: 1, max: 250 }),
            compactEvery: fc.integer({ min: 1, max: 80 }),
            flushEvery: fc.integer({ min: 1, max: 12 }),
            restarts: fc.uniqueArray(fc.nat({ max: 250 }), { maxLength: 3 }),
          }),
          async ({ seed, steps, compactEvery, flushEvery, restarts }) => {
            const session = new PaperSession(seed);
            let store = await harness.create();
            let writer = new WalWriter(store, 0, { compactEvery });
            writer.stage(session.start());
            for (let i = 1; i <= steps; i++) {
              writer.stage(session.step());
              if (i % flushEvery !== 0 && !restarts.includes(i)) continue;
              await writer.flush();
              await writer.maybeCompact(session.engine.state as EngineState);
              if (restarts.includes(i)) {
                // A reload: the tab goes on from what the store recovers.
                store = await harness.reopen(store);
                const opened = await openWal(store, freshPaperState, { compactEvery });
                if (!opened.ok) throw new Error(opened.error);
                expectSameState(opened.value.state, session.engine.state as EngineState);
                session.restart(opened.value.state);
                writer = opened.value.writer;
              }
            }
            await writer.flush();
            const reopened = await harness.reopen(store);
            const recovered = recoverState(await reopened.load(), freshPaperState);
            if (!recovered.ok) throw new Error(recovered.error);
            expect(recovered.value.lastSeq).toBe(writer.lastSeq);
            expectSameState(recovered.value.state, session.engine.state as EngineState);
            await reopened.close();
          },
        ),
        { seed: 20_240_601, numRuns: 25 },
      );
    });
  });
}
