import { type DBSchema, type IDBPDatabase, openDB, unwrap } from 'idb';
import { describeZodError } from '../../../engine-core/src/engine/state-codec';
import type { WalContents, WalRecord, WalSnapshot, WalStore } from '../../../engine-core/src/wal';
import { STATE_EVENT_TYPES, stateEventSchema } from '../../../engine-core/src/wal/event-schema';

interface WalDb extends DBSchema {
  /** One record per state event, keyed by its seq (`keyPath: 'seq'`). */
  records: { key: number; value: WalRecord };
  /** The newest snapshot, under `SNAPSHOT_KEY`. */
  snapshot: { key: string; value: WalSnapshot };
}

/** The paper account's WAL database. */
export const DEFAULT_WAL_DB = 'veloz-paper-wal';
const SNAPSHOT_KEY = 'latest';
/** Records read per `getAll` on load: bounded messages from the IndexedDB backend. */
const LOAD_CHUNK = 10_000;
const STRICT: IDBTransactionOptions = { durability: 'strict' };

const message = (e: unknown): string =>
  e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}` : String(e);

/**
 * Resolves when the transaction commits. Rejects with the error of the request that failed it
 * (a `ConstraintError` of an `add`, say), else the transaction's own (quota, abort).
 */
function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    let cause: DOMException | null = null;
    tx.addEventListener('complete', () => resolve());
    tx.addEventListener('error', (ev) => {
      cause ??= (ev.target as IDBRequest | null)?.error ?? null;
    });
    tx.addEventListener('abort', () => {
      reject(cause ?? tx.error ?? new DOMException('transaction aborted', 'AbortError'));
    });
  });
}

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

/** What a stored record must be; the error says which field is wrong. */
function checkRecord(value: WalRecord): WalRecord {
  const e = value.event as unknown;
  if (typeof e === 'object' && e !== null && 'type' in e) {
    if (!(STATE_EVENT_TYPES as readonly unknown[]).includes(e.type)) {
      throw new Error(`bad record: event.type: unknown event type ${JSON.stringify(e.type)}`);
    }
  }
  const parsed = stateEventSchema.safeParse(e);
  if (!parsed.success) throw new Error(`bad record: event.${describeZodError(parsed.error)}`);
  return { seq: value.seq, event: parsed.data };
}

/**
 * The WAL in the browser's IndexedDB (through `idb`), one database per account. Records are
 * structured-clone objects keyed by seq; the snapshot is one object. Every write is one
 * transaction with `durability: 'strict'` and resolves on its `complete` event, so a record is on
 * disk before the host acknowledges it; a transaction that does not complete leaves nothing.
 *
 * Appends must continue the log (seq = last + 1, no repeats: the store refuses a gap or an
 * overwrite). `load` refuses a gap or a record that does not decode with a message naming the
 * database and the seq, instead of replaying part of an account. Only one tab writes (see
 * `leader.ts`); a connection another tab blocks (delete, upgrade) is closed and the store fails.
 */
export class IdbWalStore implements WalStore {
  readonly dbName: string;
  private readonly _db: Promise<IDBPDatabase<WalDb>>;
  /** Seq of the last stored record (or the snapshot's), once known; null before the first look. */
  private _lastSeq: number | null = null;
  private _failure: string | null = null;

  constructor(dbName = DEFAULT_WAL_DB) {
    this.dbName = dbName;
    this._db = openDB<WalDb>(dbName, 1, {
      upgrade(db) {
        db.createObjectStore('records', { keyPath: 'seq' });
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
   * Adds the batch in one strict-durability transaction; resolves once it committed. Refuses,
   * storing nothing, a batch that does not continue the log or holds a number JSON cannot hold.
   * A transaction that fails leaves the store unusable (as the file store does): a batch issued
   * after it may have committed behind a gap, which only `load` on a new store can tell.
   */
  async append(records: readonly WalRecord[]): Promise<void> {
    const db = await this._open();
    if (records.length === 0) return;
    const first = (records[0] as WalRecord).seq;
    const end = first + records.length - 1;
    for (const [i, r] of records.entries()) {
      if (!Number.isInteger(r.seq) || r.seq < 1 || r.seq !== first + i) {
        throw new Error(
          `${this._where()}: append: bad seq ${r.seq} at batch index ${i} (batch starts at ${first})`,
        );
      }
      assertStorable(r.event, 'event');
    }
    const last = this._lastSeq ?? (await this._peekLastSeq(db));
    if (first !== last + 1) {
      throw new Error(
        `${this._where()}: append: seq ${first} does not follow the last stored seq ${last}`,
      );
    }
    // Claimed now, so that a second append issued before this one completes continues it.
    this._lastSeq = end;
    // Raw IndexedDB for writes: idb would wrap each request (and the transaction) in a promise.
    const tx = unwrap(db).transaction('records', 'readwrite', STRICT);
    const done = committed(tx);
    // A failed request aborts the transaction, and `done` rejects with its error.
    const os = tx.objectStore('records');
    for (const r of records) os.add(r);
    try {
      await done;
    } catch (e) {
      const why = `append of seq ${first}..${end} failed: ${message(e)}`;
      this._failure ??= why;
      throw new Error(`${this._where()}: ${why}`);
    }
  }

  /**
   * Reads the snapshot and the records after it, in seq order, in one transaction. Throws on a
   * bad snapshot, a gap (also before the first record when there is no snapshot to cover it) or
   * a record that does not decode.
   */
  async load(): Promise<WalContents> {
    const db = await this._open();
    const tx = db.transaction(['snapshot', 'records'], 'readonly');
    const stored = await tx.objectStore('snapshot').get(SNAPSHOT_KEY);
    let snapshot: WalSnapshot | null = null;
    if (stored !== undefined) {
      if (
        typeof stored !== 'object' ||
        stored === null ||
        !Number.isInteger(stored.seq) ||
        stored.seq < 0 ||
        stored.state === undefined
      ) {
        throw new Error(`${this._where()}: snapshot: not { seq, state }`);
      }
      snapshot = { seq: stored.seq, state: stored.state };
    }
    const base = snapshot?.seq ?? 0;
    const records: WalRecord[] = [];
    const os = tx.objectStore('records');
    let after = base;
    for (;;) {
      const chunk = await os.getAll(IDBKeyRange.lowerBound(after, true), LOAD_CHUNK);
      for (const value of chunk) {
        const expected = base + records.length + 1;
        if (value.seq !== expected) {
          const missing =
            value.seq > expected + 1 ? `${expected}..${value.seq - 1}` : `${expected}`;
          const cover = snapshot === null ? 'no snapshot' : `snapshot at seq ${snapshot.seq}`;
          throw new Error(
            `${this._where()}: WAL gap: seq ${missing} missing before seq ${value.seq} (${cover})`,
          );
        }
        try {
          records.push(checkRecord(value));
        } catch (e) {
          throw new Error(`${this._where()}: record seq ${value.seq}: ${message(e)}`);
        }
      }
      if (chunk.length < LOAD_CHUNK) break;
      after = base + records.length;
    }
    await tx.done;
    this._lastSeq = base + records.length;
    return { snapshot, records };
  }

  /**
   * Stores the snapshot and deletes the records it covers in one strict-durability transaction:
   * a crash leaves the old snapshot and records or the new ones, never a gap.
   */
  async compact(snapshot: WalSnapshot): Promise<void> {
    const db = await this._open();
    if (!Number.isInteger(snapshot.seq) || snapshot.seq < 0) {
      throw new Error(`${this._where()}: compact: bad snapshot seq ${snapshot.seq}`);
    }
    if (snapshot.state === undefined) throw new Error(`${this._where()}: compact: no state`);
    assertStorable(snapshot.state, 'state');
    const tx = unwrap(db).transaction(['snapshot', 'records'], 'readwrite', STRICT);
    const done = committed(tx);
    tx.objectStore('snapshot').put({ seq: snapshot.seq, state: snapshot.state }, SNAPSHOT_KEY);
    tx.objectStore('records').delete(IDBKeyRange.upperBound(snapshot.seq));
    try {
      await done;
    } catch (e) {
      const why = `compaction at seq ${snapshot.seq} failed: ${message(e)}`;
      this._failure ??= why;
      throw new Error(`${this._where()}: ${why}`);
    }
    this._lastSeq = Math.max(this._lastSeq ?? 0, snapshot.seq);
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

  /** The seq the next append must follow: the last record's, else the snapshot's, else 0. */
  private async _peekLastSeq(db: IDBPDatabase<WalDb>): Promise<number> {
    const tx = db.transaction(['snapshot', 'records'], 'readonly');
    const [cursor, snap] = await Promise.all([
      tx.objectStore('records').openKeyCursor(null, 'prev'),
      // Only the seq is needed, but a snapshot is one value: read it whole (once per session).
      tx.objectStore('snapshot').get(SNAPSHOT_KEY),
      tx.done,
    ]);
    const last = cursor?.key ?? snap?.seq ?? 0;
    this._lastSeq = last;
    return last;
  }
}
