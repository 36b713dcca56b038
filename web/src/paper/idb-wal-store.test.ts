import 'fake-indexeddb/auto';
import { type IDBPDatabase, openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { recoverState, type WalRecord, type WalStore } from '../../../engine-core/src/wal';
import {
  freshPaperState,
  paperSessionEvents,
} from '../../../engine-core/src/wal/testing/engine-session';
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

/** A store holding records 1..n of a real session, closed; returns its name and the records. */
async function written(n: number) {
  const name = freshName();
  const store = new IdbWalStore(name);
  const records = numbered(1, paperSessionEvents(11, n));
  await store.append(records.slice(0, n - 3));
  await store.append(records.slice(n - 3));
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
    const writes = seen.filter((t) => t.mode === 'readwrite');
    expect(writes).toEqual([
      { mode: 'readwrite', durability: 'strict', stores: ['records'] },
      { mode: 'readwrite', durability: 'strict', stores: ['records'] },
      { mode: 'readwrite', durability: 'strict', stores: ['records', 'snapshot'] },
    ]);
  });

  it('reports a gap with the missing seqs instead of loading past it', async () => {
    const { name } = await written(20);
    await tamper(name, (db) => db.delete('records', IDBKeyRange.bound(7, 9)));
    const store = new IdbWalStore(name);
    await expect(store.load()).rejects.toThrow(
      `WAL database "${name}": WAL gap: seq 7..9 missing before seq 10 (no snapshot)`,
    );
    await store.close();

    // Lost from the start with no snapshot to cover it: not an empty account.
    const first = await written(5);
    await tamper(first.name, (db) => db.delete('records', 1));
    const again = new IdbWalStore(first.name);
    await expect(again.load()).rejects.toThrow('WAL gap: seq 1 missing before seq 2 (no snapshot)');
    await again.close();

    // Records that do not continue the snapshot.
    const third = await written(12);
    await tamper(third.name, async (db) => {
      await db.put('snapshot', { seq: 4, state: {} }, 'latest');
      await db.delete('records', IDBKeyRange.upperBound(6));
    });
    const last = new IdbWalStore(third.name);
    await expect(last.load()).rejects.toThrow(
      'WAL gap: seq 5..6 missing before seq 7 (snapshot at seq 4)',
    );
    await last.close();
  });

  it('reports a record or a snapshot that does not decode, naming the seq and the field', async () => {
    const { name, records } = await written(10);
    const r3 = records[2] as WalRecord;
    await tamper(name, (db) =>
      db.put('records', { seq: 3, event: { ...r3.event, ts: 'yesterday' } }),
    );
    const store = new IdbWalStore(name);
    await expect(store.load()).rejects.toThrow(
      `WAL database "${name}": record seq 3: bad record: event.ts: expected number, received string`,
    );
    await tamper(name, (db) => db.put('records', { seq: 3, event: { type: 'order_teleported' } }));
    await expect(store.load()).rejects.toThrow(
      'record seq 3: bad record: event.type: unknown event type "order_teleported"',
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

  it('never overwrites: a second writer on the same seq fails and its store stops', async () => {
    const { name, records } = await written(10);
    const tabA = new IdbWalStore(name);
    const tabB = new IdbWalStore(name);
    await tabA.load();
    await tabB.load();
    const a = numbered(11, paperSessionEvents(21, 2));
    const b = numbered(11, paperSessionEvents(22, 2));
    await tabA.append(a);
    await expect(tabB.append(b)).rejects.toThrow(/append of seq 11\.\.12 failed: ConstraintError/);
    await expect(tabB.load()).rejects.toThrow(/is unusable: append of seq 11\.\.12 failed/);
    expect((await tabA.load()).records).toStrictEqual([...records, ...a]);
    await Promise.all([tabA.close(), tabB.close()]);
  });

  it('compacts atomically: a transaction that dies after its delete leaves the old state', async () => {
    const { name, records } = await written(30);
    const before = new IdbWalStore(name);
    await before.compact({ seq: 10, state: { at: 10 } });
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
    await expect(store.compact({ seq: 25, state: { at: 25 } })).rejects.toThrow(
      /compaction at seq 25 failed: AbortError/,
    );
    for (const r of restores.splice(0)) r();
    const after = new IdbWalStore(name);
    expect(await after.load()).toStrictEqual({
      snapshot: { seq: 10, state: { at: 10 } },
      records: records.slice(10),
    });
    await after.compact({ seq: 25, state: { at: 25 } });
    expect(await after.load()).toStrictEqual({
      snapshot: { seq: 25, state: { at: 25 } },
      records: records.slice(25),
    });
    await Promise.all([store.close(), after.close()]);
  });

  it('loads more records than one read returns, in order', async () => {
    const name = freshName();
    const store = new IdbWalStore(name);
    const records = numbered(1, paperSessionEvents(31, 25_003));
    for (let i = 0; i < records.length; i += 5_000) await store.append(records.slice(i, i + 5_000));
    await store.compact({ seq: 2, state: {} });
    const loaded = await new IdbWalStore(name).load();
    expect(loaded.records.length).toBe(25_001);
    expect(loaded.records).toStrictEqual(records.slice(2));
    const recovered = recoverState({ snapshot: null, records }, freshPaperState);
    expect(recovered.ok && recovered.value.lastSeq).toBe(25_003);
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
