import 'fake-indexeddb/auto';
import { type IDBPDatabase, openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import type { WalRecord, WalStore } from '../../../engine-core/src/wal';
import { paperSessionEvents } from '../../../engine-core/src/wal/testing/engine-session';
import {
  describeWalStoreContract,
  numbered,
} from '../../../engine-core/src/wal/testing/wal-store-contract';
import { IdbWalStore } from './idb-wal-store';

let dbCount = 0;
const freshName = () => `wal-test-${++dbCount}`;

describeWalStoreContract('IdbWalStore (fake-indexeddb)', {
  create: () => new IdbWalStore(freshName()),
  async reopen(store: WalStore) {
    const name = (store as IdbWalStore).dbName;
    await store.close();
    return new IdbWalStore(name);
  },
});

/** Opens a WAL database directly, bypassing the store (what a bug or another version might leave). */
async function tamper(name: string, change: (db: IDBPDatabase) => Promise<unknown>): Promise<void> {
  const db = await openDB(name, 1);
  await change(db);
  db.close();
}

/**
 * A closed store holding records 1..n of a real session, appended in batches of 3 (stored as
 * values keyed 3, 6, 9, ...); returns its name and the records.
 */
async function written(n: number) {
  const name = freshName();
  const store = new IdbWalStore(name);
  const records = numbered(1, paperSessionEvents(11, n));
  for (let i = 0; i < n; i += 3) await store.append(records.slice(i, i + 3));
  await store.close();
  return { name, records };
}

const restores: (() => void)[] = [];
afterEach(() => {
  for (const r of restores.splice(0)) r();
});

/** Replaces a prototype method for one test. */
function patch<T extends object, K extends keyof T>(
  proto: T,
  key: K,
  make: (orig: T[K]) => T[K],
): void {
  const orig = proto[key];
  proto[key] = make(orig);
  restores.push(() => {
    proto[key] = orig;
  });
}

describe('IdbWalStore', () => {
  it('writes every batch and every compaction in a strict-durability transaction', async () => {
    const seen: { mode: string; durability: string; stores: string[] }[] = [];
    patch(
      IDBDatabase.prototype,
      'transaction',
      (orig) =>
        function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
          const tx = orig.apply(this, args);
          seen.push({ mode: tx.mode, durability: tx.durability, stores: [...tx.objectStoreNames] });
          return tx;
        },
    );
    const store = new IdbWalStore(freshName());
    const records = numbered(1, paperSessionEvents(5, 30));
    await store.load();
    await store.append(records.slice(0, 10));
    await store.append(records.slice(10));
    await store.compact({ seq: 20, state: { s: 1 } });
    await store.close();
    const write = { mode: 'readwrite', durability: 'strict', stores: ['batches', 'snapshot'] };
    expect(seen.filter((t) => t.mode === 'readwrite')).toEqual([write, write, write]);
  });

  it('reports a gap with the missing seqs instead of loading past it', async () => {
    const { name } = await written(21);
    await tamper(name, (db) => db.delete('batches', 9));
    const store = new IdbWalStore(name);
    await expect(store.load()).rejects.toThrow(
      `WAL database "${name}": WAL gap: seq 7..9 missing before seq 10 (no snapshot)`,
    );
    await store.close();

    // Lost from the start with no snapshot to cover it: not an empty account.
    const first = await written(9);
    await tamper(first.name, (db) => db.delete('batches', 3));
    const again = new IdbWalStore(first.name);
    await expect(again.load()).rejects.toThrow(
      'WAL gap: seq 1..3 missing before seq 4 (no snapshot)',
    );
    await again.close();

    // Records that do not continue the snapshot.
    const third = await written(12);
    await tamper(third.name, async (db) => {
      await db.put('snapshot', { seq: 4, state: {} }, 'latest');
      await db.put('snapshot', 4, 'seq');
      await db.delete('batches', IDBKeyRange.upperBound(6));
    });
    const last = new IdbWalStore(third.name);
    await expect(last.load()).rejects.toThrow(
      'WAL gap: seq 5..6 missing before seq 7 (snapshot at seq 4)',
    );
    await last.close();
  });

  it('reports a record, a batch or a snapshot that does not decode, naming the seq and the field', async () => {
    const { name, records } = await written(9);
    const events = records.slice(0, 3).map((r) => r.event);
    const store = new IdbWalStore(name);
    await tamper(name, (db) =>
      db.put('batches', {
        first: 1,
        last: 3,
        events: [events[0], events[1], { ...events[2], ts: 'yesterday' }],
      }),
    );
    await expect(store.load()).rejects.toThrow(
      `WAL database "${name}": record seq 3: bad record: event.ts: expected number, received string`,
    );
    await tamper(name, (db) =>
      db.put('batches', {
        first: 1,
        last: 3,
        events: [...events.slice(0, 2), { type: 'order_teleported' }],
      }),
    );
    await expect(store.load()).rejects.toThrow(
      'record seq 3: bad record: event.type: unknown event type "order_teleported"',
    );
    await tamper(name, (db) => db.put('batches', { first: 2, last: 3, events }));
    await expect(store.load()).rejects.toThrow(
      `WAL database "${name}": batch ending at seq 3: 3 events for seqs 2..3`,
    );
    await tamper(name, (db) => db.put('snapshot', { seq: 0, state: {} }, 'latest'));
    await expect(store.load()).rejects.toThrow(
      `WAL database "${name}": snapshot: holds seq 0 but is recorded as seq undefined`,
    );
    await tamper(name, (db) => db.put('snapshot', { seq: -1 }, 'latest'));
    await expect(store.load()).rejects.toThrow(
      `WAL database "${name}": snapshot: not { seq, state }`,
    );
    await store.close();
  });

  it('refuses an append that does not continue the log, before writing anything', async () => {
    const { name, records } = await written(10);
    const store = new IdbWalStore(name);
    const next = numbered(11, paperSessionEvents(12, 3));
    await expect(store.append(next.slice(1))).rejects.toThrow(
      `WAL database "${name}": append: seq 12 does not follow the last stored seq 10`,
    );
    await expect(store.append([next[0] as WalRecord, next[2] as WalRecord])).rejects.toThrow(
      'append: bad seq 13 at batch index 1 (batch starts at 11)',
    );
    await store.append(next);
    expect((await store.load()).records).toStrictEqual([...records, ...next]);
    await store.close();
  });

  it('never interleaves two writers: the second one on the same seqs is refused', async () => {
    const { name, records } = await written(10);
    const tabA = new IdbWalStore(name);
    const tabB = new IdbWalStore(name);
    await Promise.all([tabA.load(), tabB.load()]);
    const a = numbered(11, paperSessionEvents(21, 2));
    const b = numbered(11, paperSessionEvents(22, 5));
    await tabA.append(a);
    await expect(tabB.append(b)).rejects.toThrow(
      `WAL database "${name}": append: seq 11 does not follow the last stored seq 12`,
    );
    expect((await tabB.load()).records).toStrictEqual([...records, ...a]);
    await Promise.all([tabA.close(), tabB.close()]);
  });

  it('compacts atomically: a transaction that dies after its delete leaves the old state', async () => {
    const { name, records } = await written(30);
    const before = new IdbWalStore(name);
    await before.compact({ seq: 12, state: { at: 12 } });
    await before.close();
    // The compaction's delete succeeds, then the transaction dies before it commits.
    patch(
      IDBObjectStore.prototype,
      'delete',
      (orig) =>
        function (this: IDBObjectStore, key: IDBValidKey | IDBKeyRange) {
          const req = orig.call(this, key);
          req.addEventListener('success', () => this.transaction.abort());
          return req;
        },
    );
    const store = new IdbWalStore(name);
    await expect(store.compact({ seq: 24, state: { at: 24 } })).rejects.toThrow(
      /compaction at seq 24 failed: AbortError/,
    );
    for (const r of restores.splice(0)) r();
    const after = new IdbWalStore(name);
    expect(await after.load()).toStrictEqual({
      snapshot: { seq: 12, state: { at: 12 } },
      records: records.slice(12),
    });
    await after.compact({ seq: 24, state: { at: 24 } });
    expect(await after.load()).toStrictEqual({
      snapshot: { seq: 24, state: { at: 24 } },
      records: records.slice(24),
    });
    await expect(after.compact({ seq: 18, state: {} })).rejects.toThrow(
      'compact: snapshot at seq 18 is older than the stored one at seq 24',
    );
    await Promise.all([store.close(), after.close()]);
  });

  it('loads more batches than one read returns, in order', async () => {
    const name = freshName();
    const store = new IdbWalStore(name);
    const records = numbered(1, paperSessionEvents(31, 6_000));
    let i = 0;
    for (let k = 0; i < records.length; k++) {
      const size = 1 + (k % 4);
      await store.append(records.slice(i, i + size));
      i += size;
    }
    await store.compact({ seq: 2, state: {} });
    const loaded = await new IdbWalStore(name).load();
    expect(loaded.records).toStrictEqual(records.slice(2));
    await store.close();
  });

  it('stops when another tab deletes the database, instead of blocking it', async () => {
    const { name } = await written(5);
    const store = new IdbWalStore(name);
    await store.load();
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.deleteDatabase(name);
      req.onsuccess = () => resolve();
      req.onerror = () => reject(req.error);
    });
    await expect(store.append(numbered(6, paperSessionEvents(1, 1)))).rejects.toThrow(
      `WAL database "${name}" is unusable: another tab is deleting or upgrading the database`,
    );
    const fresh = new IdbWalStore(name);
    expect(await fresh.load()).toStrictEqual({ snapshot: null, records: [] });
    await fresh.close();
  });
});
