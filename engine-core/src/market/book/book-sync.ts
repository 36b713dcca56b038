import type { OrderBook } from './order-book';

/** A diff of Binance's depth stream (`U`, `u`, changed levels as flat `[price, qty, …]`). */
export interface DepthDiff {
  readonly firstUpdateId: number;
  readonly lastUpdateId: number;
  readonly bids: readonly number[];
  readonly asks: readonly number[];
}

/** A REST depth snapshot (`GET /api/v3/depth`). */
export interface DepthSnapshot {
  readonly lastUpdateId: number;
  readonly bids: readonly number[];
  readonly asks: readonly number[];
}

/**
 * Where a `BookSync` is: waiting for a snapshot (diffs are buffered), holding a snapshot and
 * waiting for the diff that spans it, or live (each diff follows the previous one).
 */
export type BookSyncState = 'awaiting_snapshot' | 'awaiting_first_diff' | 'live';

/**
 * What a diff did: `buffered` (no snapshot yet), `dropped` (older than the snapshot), `applied`,
 * `gap` (did not follow: the book is cleared and a new snapshot is needed, `problem` says why),
 * `crossed` (applied, and then best bid ≥ best ask: cleared, a new snapshot is needed).
 */
export type DiffOutcome = 'buffered' | 'dropped' | 'applied' | 'gap' | 'crossed';

/**
 * What a snapshot did: `synced` (the book is the snapshot plus the buffered diffs after it),
 * `gap` (too old for the buffered diffs, or they have a hole: another snapshot is needed),
 * `crossed`, or `ignored` (no snapshot was awaited).
 */
export type SnapshotOutcome = 'synced' | 'gap' | 'crossed' | 'ignored';

/** Options of `BookSync`. */
export interface BookSyncOptions {
  /** Diffs kept while waiting for a snapshot; the oldest go first (default 2000). */
  readonly maxBuffered?: number;
}

/**
 * Binance's rules for a local order book from a REST snapshot plus the diff stream, as a state
 * machine without I/O (the feed fetches snapshots when `state` is `awaiting_snapshot`):
 * 1. Until a snapshot arrives, diffs are buffered.
 * 2. Diffs with `u` ≤ the snapshot's `lastUpdateId` are dropped.
 * 3. The first diff applied must span it: `U` ≤ lastUpdateId + 1 ≤ `u`.
 * 4. Each later diff must start right after the previous one: `U` = previous `u` + 1; one that
 *    ends at or before the book's id (`u` ≤ it: a repeat) is dropped, as Binance says.
 * Anything else is a gap: the book is cleared and a new snapshot is needed (the offending diff
 * and those after it are buffered for it). So is a crossed book (best bid ≥ best ask).
 */
export class BookSync {
  readonly book: OrderBook;
  private readonly _maxBuffered: number;
  private _state: BookSyncState = 'awaiting_snapshot';
  private _buffer: DepthDiff[] = [];
  private _problem = '';
  private _applied = 0;

  constructor(book: OrderBook, options: BookSyncOptions = {}) {
    this.book = book;
    this._maxBuffered = Math.max(1, options.maxBuffered ?? 2000);
  }

  get state(): BookSyncState {
    return this._state;
  }

  /** True once a snapshot is loaded and no gap happened since: the book can be read. */
  get synced(): boolean {
    return this._state !== 'awaiting_snapshot';
  }

  /** Diffs waiting for a snapshot. */
  get buffered(): number {
    return this._buffer.length;
  }

  /** Why the last `gap` or `crossed` happened. */
  get problem(): string {
    return this._problem;
  }

  /** Buffered diffs applied by the last `synced` snapshot. */
  get appliedFromBuffer(): number {
    return this._applied;
  }

  /** Starts over (a new connection): empty book and buffer, waiting for a snapshot. */
  reset(): void {
    this.book.clear();
    this._buffer = [];
    this._state = 'awaiting_snapshot';
  }

  /** Takes one diff of the stream. */
  onDiff(d: DepthDiff): DiffOutcome {
    const book = this.book;
    switch (this._state) {
      case 'live':
        // Binance: an event with u below the book's id is old news (a repeat): ignore it.
        if (d.lastUpdateId <= book.updateId) return 'dropped';
        if (d.firstUpdateId !== book.updateId + 1) {
          return this._gap(
            d,
            `diff ${d.firstUpdateId}..${d.lastUpdateId} does not follow ${book.updateId}`,
          );
        }
        return this._apply(d);
      case 'awaiting_first_diff':
        if (d.lastUpdateId <= book.updateId) return 'dropped';
        if (d.firstUpdateId > book.updateId + 1) {
          return this._gap(
            d,
            `first diff ${d.firstUpdateId}..${d.lastUpdateId} does not span snapshot ${book.updateId} + 1`,
          );
        }
        this._state = 'live';
        return this._apply(d);
      case 'awaiting_snapshot':
        if (this._buffer.length >= this._maxBuffered) this._buffer.shift();
        this._buffer.push(d);
        return 'buffered';
    }
  }

  /** Takes a snapshot; only one awaited (`state` is `awaiting_snapshot`) is used. */
  onSnapshot(s: DepthSnapshot): SnapshotOutcome {
    if (this._state !== 'awaiting_snapshot') return 'ignored';
    const book = this.book;
    const id = s.lastUpdateId;
    const buffer = this._buffer;
    let k = 0;
    while (k < buffer.length && (buffer[k] as DepthDiff).lastUpdateId <= id) k++;
    const first = buffer[k];
    if (first !== undefined && first.firstUpdateId > id + 1) {
      this._buffer = buffer.slice(k);
      this._problem = `snapshot ${id} is older than the buffered diff ${first.firstUpdateId}..${first.lastUpdateId}`;
      return 'gap';
    }
    book.load(s.bids, s.asks, id);
    this._applied = 0;
    for (let j = k; j < buffer.length; j++) {
      const d = buffer[j] as DepthDiff;
      if (j > k && d.firstUpdateId !== book.updateId + 1) {
        this._problem = `buffered diff ${d.firstUpdateId}..${d.lastUpdateId} does not follow ${book.updateId}`;
        this._buffer = buffer.slice(j);
        book.clear();
        return 'gap';
      }
      book.applyLevels(d.bids, d.asks);
      book.updateId = d.lastUpdateId;
      this._applied++;
    }
    this._buffer = [];
    this._state = k < buffer.length ? 'live' : 'awaiting_first_diff';
    if (book.isCrossed()) return this._crossed();
    return 'synced';
  }

  private _apply(d: DepthDiff): DiffOutcome {
    const book = this.book;
    book.applyLevels(d.bids, d.asks);
    book.updateId = d.lastUpdateId;
    return book.isCrossed() ? this._crossed() : 'applied';
  }

  private _gap(d: DepthDiff, problem: string): DiffOutcome {
    this._problem = problem;
    this.book.clear();
    this._buffer = [d];
    this._state = 'awaiting_snapshot';
    return 'gap';
  }

  private _crossed(): 'crossed' {
    const book = this.book;
    this._problem = `crossed book: best bid ${book.bestBid()} ≥ best ask ${book.bestAsk()} at update ${book.updateId}`;
    book.clear();
    this._buffer = [];
    this._state = 'awaiting_snapshot';
    return 'crossed';
  }
}
