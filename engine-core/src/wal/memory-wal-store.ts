import { decodeRecord, decodeSnapshot, encodeRecord, encodeSnapshot } from './record-codec';
import type { WalContents, WalRecord, WalSnapshot, WalStore } from './wal-store';

/** Lines to start a `MemoryWalStore` from, e.g. those of a store that "crashed". */
export interface MemoryWalInit {
  readonly lines?: readonly string[];
  readonly snapshotLine?: string | null;
}

/**
 * A `WalStore` in memory: the reference semantics for other stores, and the store for tests. It
 * keeps encoded lines, not objects, so every append and load goes through the codec. `lines` and
 * `snapshotLine` are public so that tests can inspect or corrupt them.
 */
export class MemoryWalStore implements WalStore {
  /** Encoded records, oldest first. */
  readonly lines: string[];
  /** The encoded newest snapshot, or null. */
  snapshotLine: string | null;
  /** Number of non-empty batches appended (each would be one durable write). */
  appendCount = 0;
  private _closed = false;

  constructor(init: MemoryWalInit = {}) {
    this.lines = [...(init.lines ?? [])];
    this.snapshotLine = init.snapshotLine ?? null;
  }

  /** A new store holding this one's lines, as a restarted process would find them. */
  reopen(): MemoryWalStore {
    return new MemoryWalStore({ lines: this.lines, snapshotLine: this.snapshotLine });
  }

  /** Appends the batch atomically: all lines are encoded before any is stored. */
  async append(records: readonly WalRecord[]): Promise<void> {
    this._ensureOpen();
    if (records.length === 0) return;
    const encoded = records.map(encodeRecord);
    this.lines.push(...encoded);
    this.appendCount++;
  }

  /**
   * Decodes the snapshot and the records. Records the snapshot covers are skipped (as a file store
   * must after a crash between writing a snapshot and truncating); any bad line rejects.
   */
  async load(): Promise<WalContents> {
    this._ensureOpen();
    let snapshot: WalSnapshot | null = null;
    if (this.snapshotLine !== null) {
      const s = decodeSnapshot(this.snapshotLine);
      if (!s.ok) throw new Error(`snapshot: ${s.error}`);
      snapshot = s.value;
    }
    const records = this._decodeAll().filter((r) => snapshot === null || r.seq > snapshot.seq);
    return { snapshot, records };
  }

  /** Replaces the snapshot, then drops the records it covers (kept lines stay byte-identical). */
  async compact(snapshot: WalSnapshot): Promise<void> {
    this._ensureOpen();
    const line = encodeSnapshot(snapshot);
    const seqs = this._decodeAll().map((r) => r.seq);
    this.snapshotLine = line;
    const kept = this.lines.filter((_, i) => (seqs[i] as number) > snapshot.seq);
    this.lines.splice(0, this.lines.length, ...kept);
  }

  /** Marks the store closed; later calls reject. */
  async close(): Promise<void> {
    this._closed = true;
  }

  private _decodeAll(): WalRecord[] {
    return this.lines.map((line, i) => {
      const r = decodeRecord(line);
      if (!r.ok) throw new Error(`record line ${i + 1}: ${r.error}`);
      return r.value;
    });
  }

  private _ensureOpen(): void {
    if (this._closed) throw new Error('WAL store is closed');
  }
}
