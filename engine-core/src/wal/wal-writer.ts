import type { EngineState } from '../engine/engine-state';
import { serializeState } from '../engine/state-codec';
import type { StateEvent } from '../model';
import { assert, err, ok, type Result } from '../util';
import { recoverState } from './recover';
import type { WalContents, WalRecord, WalSnapshot, WalStore } from './wal-store';

/** Default number of appended records between two snapshots. */
export const DEFAULT_COMPACT_EVERY = 10_000;

/** Options of `WalWriter`. */
export interface WalWriterOptions {
  /** Snapshot once this many records were appended since the last snapshot (default 10 000). */
  readonly compactEvery?: number;
  /** Seq covered by the store's newest snapshot, 0 when there is none (where counting starts). */
  readonly snapshotSeq?: number;
}

/**
 * Journals state events through a `WalStore`. The host applies and stages events, calls `flush`
 * and acknowledges them only once it resolves, then calls `maybeCompact` now and then. Store
 * operations run one at a time in call order. After a store failure the writer is broken: every
 * later `flush`/`maybeCompact` rejects with that failure, since staged events may be lost and the
 * journal can't continue without a gap. The host must stop and recover from the store.
 */
export class WalWriter {
  private readonly _store: WalStore;
  private readonly _compactEvery: number;
  private _lastSeq: number;
  private _durableSeq: number;
  private _snapshotSeq: number;
  private _buffer: WalRecord[] = [];
  private _queue: Promise<void> = Promise.resolve();
  private _failure: { readonly error: unknown } | null = null;

  /** `lastSeq`: the seq of the last record already in the store (0 for an empty WAL). */
  constructor(store: WalStore, lastSeq: number, options: WalWriterOptions = {}) {
    const compactEvery = options.compactEvery ?? DEFAULT_COMPACT_EVERY;
    const snapshotSeq = options.snapshotSeq ?? 0;
    assert(Number.isInteger(lastSeq) && lastSeq >= 0, `bad lastSeq ${lastSeq}`);
    assert(Number.isInteger(compactEvery) && compactEvery >= 1, `bad compactEvery ${compactEvery}`);
    assert(
      Number.isInteger(snapshotSeq) && snapshotSeq >= 0 && snapshotSeq <= lastSeq,
      `bad snapshotSeq ${snapshotSeq} (lastSeq ${lastSeq})`,
    );
    this._store = store;
    this._compactEvery = compactEvery;
    this._lastSeq = lastSeq;
    this._durableSeq = lastSeq;
    this._snapshotSeq = snapshotSeq;
  }

  /** Seq of the last staged record. */
  get lastSeq(): number {
    return this._lastSeq;
  }

  /** Seq of the last record known to be durable. */
  get durableSeq(): number {
    return this._durableSeq;
  }

  /** Number of staged records not yet handed to the store. */
  get pendingCount(): number {
    return this._buffer.length;
  }

  /** Numbers the events (next seqs, in order) and buffers them; returns the records. */
  stage(events: readonly StateEvent[]): readonly WalRecord[] {
    const records = events.map((event) => ({ seq: ++this._lastSeq, event }));
    this._buffer.push(...records);
    return records;
  }

  /**
   * Appends everything staged as one batch (one durable write) and resolves once it, and every
   * earlier batch, is durable. With nothing staged it waits for store operations in flight.
   */
  flush(): Promise<void> {
    const batch = this._buffer;
    this._buffer = [];
    if (batch.length === 0) return this._run(async () => {});
    const last = (batch[batch.length - 1] as WalRecord).seq;
    return this._run(async () => {
      await this._store.append(batch);
      this._durableSeq = last;
    });
  }

  /**
   * Writes a snapshot of `state` when at least `compactEvery` records were appended since the
   * last one, and lets the store drop the records it covers. `state` must reflect exactly the
   * events staged so far; it is captured before this method first awaits, and staged records are
   * flushed before the snapshot is stored. Resolves true when it compacted.
   */
  async maybeCompact(state: EngineState): Promise<boolean> {
    if (this._failure !== null) throw this._failure.error;
    if (this._durableSeq - this._snapshotSeq < this._compactEvery) return false;
    const snapshot: WalSnapshot = { seq: this._lastSeq, state: serializeState(state) };
    this._snapshotSeq = snapshot.seq;
    await this.flush();
    await this._run(() => this._store.compact(snapshot));
    return true;
  }

  /** Runs a store operation after the ones before it; the first failure breaks the writer. */
  private _run(op: () => Promise<void>): Promise<void> {
    const next = this._queue.then(() => {
      if (this._failure !== null) throw this._failure.error;
      return op();
    });
    this._queue = next.catch((error: unknown) => {
      this._failure ??= { error };
    });
    return next;
  }
}

/** Options of `openWal`. */
export interface OpenWalOptions {
  /** Passed to the writer (default 10 000). */
  readonly compactEvery?: number;
}

/** A recovered state and the writer that continues its journal. */
export interface OpenedWal {
  readonly state: EngineState;
  readonly writer: WalWriter;
}

/**
 * Loads the store, rebuilds the state (`fresh()` when the WAL has no snapshot) and returns a
 * writer that continues after the last record. A store that fails to load or a WAL that does not
 * replay is an error value, with the reason.
 */
export async function openWal(
  store: WalStore,
  fresh: () => EngineState,
  options: OpenWalOptions = {},
): Promise<Result<OpenedWal, string>> {
  let contents: WalContents;
  try {
    contents = await store.load();
  } catch (e) {
    return err(`cannot load WAL: ${e instanceof Error ? e.message : String(e)}`);
  }
  const recovered = recoverState(contents, fresh);
  if (!recovered.ok) return err(`cannot recover WAL: ${recovered.error}`);
  const writer = new WalWriter(store, recovered.value.lastSeq, {
    ...(options.compactEvery === undefined ? {} : { compactEvery: options.compactEvery }),
    snapshotSeq: contents.snapshot?.seq ?? 0,
  });
  return ok({ state: recovered.value.state, writer });
}
