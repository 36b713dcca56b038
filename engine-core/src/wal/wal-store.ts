import type { StateEvent } from '../model';

/** One journaled state event, numbered from 1 without gaps. */
export interface WalRecord {
  readonly seq: number;
  readonly event: StateEvent;
}

/** A serialized engine state covering every record up to and including `seq`. */
export interface WalSnapshot {
  readonly seq: number;
  /** Output of `serializeState`: plain JSON data. */
  readonly state: unknown;
}

/** What a store holds: the newest snapshot (if any) and the records after it, in order. */
export interface WalContents {
  readonly snapshot: WalSnapshot | null;
  readonly records: readonly WalRecord[];
}

/**
 * Durable storage for the write-ahead log. The engine's host appends every state event before it
 * acknowledges it; `append` resolves only once the records are durable (fsync, IndexedDB commit).
 */
export interface WalStore {
  append(records: readonly WalRecord[]): Promise<void>;
  load(): Promise<WalContents>;
  /** Stores the snapshot durably, then drops the records it covers. */
  compact(snapshot: WalSnapshot): Promise<void>;
  close(): Promise<void>;
}
