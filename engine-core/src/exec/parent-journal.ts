// The parent (algo) order journal, beside the engine's WAL rather than in it.
//
// Why a second log and not new record kinds in the WAL: WAL records are `StateEvent`s folded by
// the engine's reducer and compacted into engine snapshots, and the engine knows nothing of
// parents (exec sits on top of the engine, not in it). Journaling parents there would put
// scheduler state into the engine's state and snapshot format. Here the parent log holds only
// what the engine cannot tell: a parent's spec and id, its commands (pause, resume, cancel), how
// it ended, and POV's observed volume. Everything else that matters for resuming (filled qty,
// children placed, working, done) is derived exactly from the children themselves, which the
// WAL already journals like any order (`${parentId}.${k}`), so the two logs cannot disagree on
// progress. Ordering: the host makes `parent_created` durable before the parent's first child
// goes out (the scheduler holds a journaled parent until `release`), so a child never exists
// without its parent's record. The log is small (a few records per parent): no compaction.

import { err, ok, type Result } from '../util';
import type { AlgoSpec } from './algo-spec';
import {
  decodeParentRecord,
  encodeParentRecord,
  type NumberedParentRecord,
  type ParentRecord,
} from './parent-record';
import { isFinalParentState, type ParentId, type ParentState } from './parent-state';

/** Durable storage of parent-record lines (`encodeParentRecord`), in order. */
export interface ParentJournalStore {
  /** Resolves once the lines are durable (IndexedDB commit, fsync). */
  append(lines: readonly string[]): Promise<void>;
  load(): Promise<readonly string[]>;
  close(): Promise<void>;
}

/** A parent journal in memory (tests; a host without storage). */
export class MemoryParentJournalStore implements ParentJournalStore {
  readonly lines: string[] = [];
  append(lines: readonly string[]): Promise<void> {
    this.lines.push(...lines);
    return Promise.resolve();
  }
  load(): Promise<readonly string[]> {
    return Promise.resolve([...this.lines]);
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** A parent as its journal leaves it (progress comes from its children in the engine). */
export interface ParentImage {
  readonly parentId: ParentId;
  readonly spec: AlgoSpec;
  readonly createdTs: number;
  readonly state: ParentState;
  /** POV: market volume observed up to the last checkpoint; 0 for the others. */
  readonly observed: number;
}

interface Mutable {
  parentId: ParentId;
  spec: AlgoSpec;
  createdTs: number;
  state: ParentState;
  observed: number;
}

/**
 * Folds numbered records into parents, oldest first. Refuses, naming the record, a gap or
 * repeat in the numbering, a second `parent_created` for an id, a record for an unknown parent,
 * and a transition the scheduler never makes (pause of a paused parent, anything after the end).
 */
export function foldParentRecords(
  records: readonly NumberedParentRecord[],
): Result<ParentImage[], string> {
  const byId = new Map<string, Mutable>();
  const out: Mutable[] = [];
  let last = 0;
  for (const { n, record: r } of records) {
    if (n !== last + 1) return err(`parent journal: record ${n} follows record ${last}`);
    last = n;
    const at = `parent record ${n} (${r.type})`;
    if (r.type === 'parent_created') {
      if (byId.has(r.parentId)) return err(`${at}: ${r.parentId} already exists`);
      const m: Mutable = {
        parentId: r.parentId,
        spec: r.spec,
        createdTs: r.ts,
        state: { kind: 'working' },
        observed: 0,
      };
      byId.set(r.parentId, m);
      out.push(m);
      continue;
    }
    const p = byId.get(r.parentId);
    if (p === undefined) return err(`${at}: unknown parent ${r.parentId}`);
    if (isFinalParentState(p.state)) return err(`${at}: ${r.parentId} is already ${p.state.kind}`);
    switch (r.type) {
      case 'parent_paused':
        if (p.state.kind !== 'working') return err(`${at}: ${r.parentId} is ${p.state.kind}`);
        p.state = { kind: 'paused' };
        break;
      case 'parent_resumed':
        if (p.state.kind !== 'paused') return err(`${at}: ${r.parentId} is ${p.state.kind}`);
        p.state = { kind: 'working' };
        break;
      case 'parent_ended':
        p.state = r.state;
        break;
      case 'parent_volume':
        if (p.spec.algo !== 'pov') return err(`${at}: ${r.parentId} is ${p.spec.algo}, not pov`);
        p.observed = r.observed;
        break;
    }
  }
  return ok(out);
}

/** Decodes and folds stored lines; the error names the line that is wrong. */
export function readParentJournal(
  lines: readonly string[],
): Result<{ parents: ParentImage[]; lastN: number }, string> {
  const records: NumberedParentRecord[] = [];
  for (const [i, line] of lines.entries()) {
    const r = decodeParentRecord(line);
    if (!r.ok) return err(`parent journal line ${i + 1}: ${r.error}`);
    records.push(r.value);
  }
  const parents = foldParentRecords(records);
  if (!parents.ok) return parents;
  return ok({ parents: parents.value, lastN: records.length });
}

/**
 * Journals parent records through a store: `stage` numbers and buffers (synchronously, from the
 * scheduler's `journal` callback), `flush` writes what is staged as one append and resolves once
 * it and every earlier one is durable. Writes run one at a time; after a store failure every
 * later `flush` rejects with it (a record may be lost: the host must stop and recover).
 */
export class ParentJournal {
  private _buffer: string[] = [];
  private _queue: Promise<void> = Promise.resolve();
  private _failure: { readonly error: unknown } | null = null;

  private constructor(
    private readonly _store: ParentJournalStore,
    private _lastN: number,
  ) {}

  /** Loads and checks the store's records; the journal continues after them. */
  static async open(
    store: ParentJournalStore,
  ): Promise<Result<{ journal: ParentJournal; parents: ParentImage[] }, string>> {
    let lines: readonly string[];
    try {
      lines = await store.load();
    } catch (e) {
      return err(`cannot load parent journal: ${e instanceof Error ? e.message : String(e)}`);
    }
    const read = readParentJournal(lines);
    if (!read.ok) return read;
    return ok({ journal: new ParentJournal(store, read.value.lastN), parents: read.value.parents });
  }

  /** Records staged and not yet handed to the store. */
  get pendingCount(): number {
    return this._buffer.length;
  }

  /** Adds a record to the next flush; one that cannot be encoded throws and takes no number. */
  stage(record: ParentRecord): void {
    const line = encodeParentRecord({ n: this._lastN + 1, record });
    this._lastN++;
    this._buffer.push(line);
  }

  flush(): Promise<void> {
    const batch = this._buffer;
    this._buffer = [];
    const next = this._queue.then(async () => {
      if (this._failure !== null) throw this._failure.error;
      if (batch.length > 0) await this._store.append(batch);
    });
    this._queue = next.catch((error: unknown) => {
      this._failure ??= { error };
    });
    return next;
  }

  close(): Promise<void> {
    return this._store.close();
  }
}
