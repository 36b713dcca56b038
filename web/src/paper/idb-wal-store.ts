import { type DBSchema, type IDBPDatabase, openDB, unwrap } from 'idb';
import { describeZodError } from '../../../engine-core/src/engine/state-codec';
import type { StateEvent } from '../../../engine-core/src/model';
import type { WalContents, WalRecord, WalSnapshot, WalStore } from '../../../engine-core/src/wal';
import { STATE_EVENT_TYPES, stateEventSchema } from '../../../engine-core/src/wal/event-schema';

/** One appended batch: the events of seqs `first..last`, in order. */
interface StoredBatch {
  readonly first: number;
  readonly last: number;
  readonly events: readonly StateEvent[];
}

interface WalDb extends DBSchema {
  /** Batches keyed by their last seq (`keyPath: 'last'`). */
  batches: { key: number; value: StoredBatch };
  /** The newest snapshot under `SNAPSHOT_KEY`, and its seq alone under `SNAPSHOT_SEQ_KEY`. */
  snapshot: { key: string; value: WalSnapshot | number };
}

/** The paper account's WAL database. */
export const DEFAULT_WAL_DB = 'veloz-paper-wal';
const SNAPSHOT_KEY = 'latest';
const SNAPSHOT_SEQ_KEY = 'seq';
/** Batches read per `getAll` on load: bounded messages from the IndexedDB backend. */
const LOAD_CHUNK = 1_000;
const STRICT: IDBTransactionOptions = { durability: 'strict' };

const message = (e: unknown): string =>
  e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}` : String(e);

/**
 * Resolves when the transaction commits. Rejects with `refusal()` when it returns a reason,
 * else with the error of the request that failed the transaction (a `ConstraintError`, say),
 * else with the transaction's own (quota, abort).
 */
function committed(tx: IDBTransaction, refusal: () => string | null): Promise<void> {
  return new Promise((resolve, reject) => {
    let cause: DOMException | null = null;
    tx.addEventListener('complete', () => resolve());
    tx.addEventListener('error', (ev) => {
      cause ??= (ev.target as IDBRequest | null)?.error ?? null;
    });
    tx.addEventListener('abort', () => {
      const refused = refusal();
      if (refused !== null) reject(new RefusedError(refused));
      else reject(cause ?? tx.error ?? new DOMException('transaction aborted', 'AbortError'));
    });
  });
}

/** A write the store turned down before changing anything. */
class RefusedError extends Error {}

/**
 * Throws on a number no other store could journal (NaN, ±Infinity): the file and memory stores
 * write JSON, which cannot hold them, so this store refuses them too and every store replays the
 * same events. Walks plain objects and arrays, as `JSON.stringify`'s replacer would.
 */
function assertStorable(value: unknown, key: string): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new Error(`cannot journal ${String(value)} in field ${JSON.stringify(key)}`);
    }
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) assertStorable(value[i], String(i));
  } else if (typeof value === 'object' && value !== null) {
    for (const k in value) assertStorable((value as Record<string, unknown>)[k], k);
  }
}

/** The event as the schema reads it; throws naming the field that is wrong. */
function checkEvent(e: unknown): StateEvent {
  if (typeof e === 'object' && e !== null && 'type' in e) {
    if (!(STATE_EVENT_TYPES as readonly unknown[]).includes(e.type)) {
      throw new Error(`bad record: event.type: unknown event type ${JSON.stringify(e.type)}`);
    }
  }
  const parsed = stateEventSchema.safeParse(e);
  if (!parsed.success) throw new Error(`bad record: event.${describeZodError(parsed.error)}`);
  return parsed.data;
}

/** The reason a stored batch value is malformed, or null. */
function badBatch(b: StoredBatch): string | null {
  if (typeof b !== 'object' || b === null) return 'not an object';
  if (!Number.isInteger(b.first) || b.first < 1) return `bad first seq ${String(b.first)}`;
  if (!Array.isArray(b.events)) return 'events is not an array';
  if (b.events.length !== b.last - b.first + 1)
    return `${b.events.length} events for seqs ${b.first}..${b.last}`;
  return null;
}

/**
 * The WAL in the browser's IndexedDB (through `idb`), one database per account. Each append is
 * one value, the batch's events as structured-clone objects, keyed by the batch's last seq; the
 * snapshot is one object. (Chromium spends ~0.2 ms per request, so a value per record would cap
 * appends near 5 000/s; see `npm run bench -- wal-browser`.) Every write is one transaction with
 * `durability: 'strict'` and resolves on its `complete` event: a record is on disk before the
 * host acknowledges it, and a transaction that does not complete leaves nothing.
 *
 * An append checks, inside its transaction, that it continues the stored log: a gap or a
 * second writer (two engines on one account) is refused rather than interleaved. `load` refuses
 * a gap or a record that does not decode with a message naming the database and the seq,
 * instead of replaying part of an account. A connection that blocks another tab (deleting or
 * upgrading the database) is closed, and the store fails.
 */
export class IdbWalStore implements WalStore {
  readonly dbName: string;
  private readonly _db: Promise<IDBPDatabase<WalDb>>;
  private _failure: string | null = null;

  constructor(dbName = DEFAULT_WAL_DB) {
    this.dbName = dbName;
    this._db = openDB<WalDb>(dbName, 1, {
      upgrade(db) {
        db.createObjectStore('batches', { keyPath: 'last' });
        db.createObjectStore('snapshot');
      },
      blocking: () => {
        this._fail('another tab is deleting or upgrading the database');
      },
      terminated: () => {
        this._fail('the browser closed the database connection');
      },
    });
  }

  /**
   * Adds the batch as one value in one strict-durability transaction; resolves once it
   * committed. Refuses, storing nothing, a batch that does not continue the stored log or holds
   * a number JSON cannot hold. A transaction that fails otherwise leaves the store unusable (as
   * the file store does): the host must stop and recover.
   */
  async append(records: readonly WalRecord[]): Promise<void> {
    const db = await this._open();
    if (records.length === 0) return;
    const first = (records[0] as WalRecord).seq;
    const events: StateEvent[] = [];
    for (const [i, r] of records.entries()) {
      if (!Number.isInteger(r.seq) || r.seq < 1 || r.seq !== first + i) {
        throw new Error(
          `${this._where()}: append: bad seq ${r.seq} at batch index ${i} (batch starts at ${first})`,
        );
      }
      assertStorable(r.event, 'event');
      events.push(r.event);
    }
    const batch: StoredBatch = { first, last: first + events.length - 1, events };
    // Raw IndexedDB, so that the check runs in a request callback of the same transaction.
    const tx = unwrap(db).transaction(['batches', 'snapshot'], 'readwrite', STRICT);
    let refused: string | null = null;
    const done = committed(tx, () => refused);
    const batches = tx.objectStore('batches');
    const lastBatch = batches.openKeyCursor(null, 'prev');
    const snapSeq = tx.objectStore('snapshot').get(SNAPSHOT_SEQ_KEY);
    // Issued at once, not after the reads (no extra round trip): the reads complete first, and
    // their check aborts the transaction, add included, before it can commit.
    batches.add(batch);
    snapSeq.onsuccess = () => {
      const last = Math.max(Number(lastBatch.result?.key ?? 0), Number(snapSeq.result ?? 0));
      if (first !== last + 1) {
        refused = `append: seq ${first} does not follow the last stored seq ${last}`;
        tx.abort();
      }
    };
    try {
      await done;
    } catch (e) {
      if (e instanceof RefusedError) throw new Error(`${this._where()}: ${e.message}`);
      const why = `append of seq ${first}..${batch.last} failed: ${message(e)}`;
      this._failure ??= why;
      throw new Error(`${this._where()}: ${why}`);
    }
  }

  /**
   * Reads the snapshot and the records after it, in seq order, in one transaction. Throws on a
   * bad snapshot, a gap (also before the first record when no snapshot covers it) or a record
   * that does not decode.
   */
  async load(): Promise<WalContents> {
    const db = await this._open();
    const tx = db.transaction(['snapshot', 'batches'], 'readonly');
    const snapStore = tx.objectStore('snapshot');
    const [stored, storedSeq] = await Promise.all([
      snapStore.get(SNAPSHOT_KEY),
      snapStore.get(SNAPSHOT_SEQ_KEY),
    ]);
    const snapshot = this._checkSnapshot(stored, storedSeq);
    const base = snapshot?.seq ?? 0;
    const records: WalRecord[] = [];
    const batches = tx.objectStore('batches');
    let after = base;
    for (;;) {
      const chunk = await batches.getAll(IDBKeyRange.lowerBound(after, true), LOAD_CHUNK);
      for (const b of chunk) this._takeBatch(b, base, snapshot, records);
      if (chunk.length < LOAD_CHUNK) break;
      after = (chunk[chunk.length - 1] as StoredBatch).last;
    }
    await tx.done;
    return { snapshot, records };
  }

  /**
   * Stores the snapshot and deletes the batches it covers in one strict-durability
   * transaction: a crash leaves the old snapshot and records or the new ones, never a gap. A
   * batch that ends after the snapshot stays whole; `load` skips its covered records. Refuses a
   * snapshot older than the stored one.
   */
  async compact(snapshot: WalSnapshot): Promise<void> {
    const db = await this._open();
    const seq = snapshot.seq;
    if (!Number.isInteger(seq) || seq < 0) {
      throw new Error(`${this._where()}: compact: bad snapshot seq ${seq}`);
    }
    if (snapshot.state === undefined) throw new Error(`${this._where()}: compact: no state`);
    assertStorable(snapshot.state, 'state');
    const tx = unwrap(db).transaction(['snapshot', 'batches'], 'readwrite', STRICT);
    let refused: string | null = null;
    const done = committed(tx, () => refused);
    const snapStore = tx.objectStore('snapshot');
    const current = snapStore.get(SNAPSHOT_SEQ_KEY);
    current.onsuccess = () => {
      const have = Number(current.result ?? 0);
      if (have > seq) {
        refused = `compact: snapshot at seq ${seq} is older than the stored one at seq ${have}`;
        tx.abort();
        return;
      }
      snapStore.put({ seq, state: snapshot.state }, SNAPSHOT_KEY);
      snapStore.put(seq, SNAPSHOT_SEQ_KEY);
      tx.objectStore('batches').delete(IDBKeyRange.upperBound(seq));
    };
    try {
      await done;
    } catch (e) {
      if (e instanceof RefusedError) throw new Error(`${this._where()}: ${e.message}`);
      const why = `compaction at seq ${seq} failed: ${message(e)}`;
      this._failure ??= why;
      throw new Error(`${this._where()}: ${why}`);
    }
  }

  /** Closes the connection; later calls reject. Safe to call twice. */
  async close(): Promise<void> {
    this._failure ??= 'closed';
    (await this._db).close();
  }

  private _where(): string {
    return `WAL database ${JSON.stringify(this.dbName)}`;
  }

  private _fail(reason: string): void {
    this._failure ??= reason;
    void this._db.then((db) => db.close());
  }

  private async _open(): Promise<IDBPDatabase<WalDb>> {
    if (this._failure !== null) throw this._unusable();
    const db = await this._db;
    if (this._failure !== null) throw this._unusable();
    return db;
  }

  private _unusable(): Error {
    return new Error(
      this._failure === 'closed'
        ? 'WAL store is closed'
        : `${this._where()} is unusable: ${this._failure}`,
    );
  }

  private _checkSnapshot(
    stored: WalSnapshot | number | undefined,
    storedSeq: WalSnapshot | number | undefined,
  ): WalSnapshot | null {
    if (stored === undefined && storedSeq === undefined) return null;
    if (
      typeof stored !== 'object' ||
      stored === null ||
      !Number.isInteger(stored.seq) ||
      stored.seq < 0 ||
      stored.state === undefined
    ) {
      throw new Error(`${this._where()}: snapshot: not { seq, state }`);
    }
    if (storedSeq !== stored.seq) {
      throw new Error(
        `${this._where()}: snapshot: holds seq ${stored.seq} but is recorded as seq ${String(storedSeq)}`,
      );
    }
    return { seq: stored.seq, state: stored.state };
  }

  /** Checks one batch and appends its records after `base` to `out`; throws on a gap or a bad record. */
  private _takeBatch(
    b: StoredBatch,
    base: number,
    snapshot: WalSnapshot | null,
    out: WalRecord[],
  ): void {
    const bad = badBatch(b);
    if (bad !== null) throw new Error(`${this._where()}: batch ending at seq ${b?.last}: ${bad}`);
    const expected = base + out.length + 1;
    // Only the first batch read may start before `expected`: one the snapshot cut through.
    const cutBySnapshot = out.length === 0 && b.first < expected;
    if (b.first > expected) {
      const missing = b.first > expected + 1 ? `${expected}..${b.first - 1}` : `${expected}`;
      const cover = snapshot === null ? 'no snapshot' : `snapshot at seq ${snapshot.seq}`;
      throw new Error(
        `${this._where()}: WAL gap: seq ${missing} missing before seq ${b.first} (${cover})`,
      );
    }
    if (b.first < expected && !cutBySnapshot) {
      throw new Error(
        `${this._where()}: batch of seqs ${b.first}..${b.last} overlaps the one before (next seq ${expected})`,
      );
    }
    for (let seq = Math.max(b.first, expected); seq <= b.last; seq++) {
      let event: StateEvent;
      try {
        event = checkEvent(b.events[seq - b.first]);
      } catch (e) {
        throw new Error(`${this._where()}: record seq ${seq}: ${message(e)}`);
      }
      out.push({ seq, event });
    }
  }
}
