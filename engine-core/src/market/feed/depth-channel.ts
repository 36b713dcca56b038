import { type SymbolId, timestampMs } from '../../model';
import type { Rng } from '../../util/rng';
import type { DepthUpdate, FeedStatus, MarketUpdate } from '../../venue/market-feed';
import { BookSync, type DepthSnapshot } from '../book/book-sync';
import { OrderBook } from '../book/order-book';
import { type HttpGet, headerValue } from '../http-get';
import { type BackoffOptions, backoffDelay } from './backoff';
import { depthSnapshotUrl } from './binance-streams';
import { parseDepthSnapshot } from './parse-depth-snapshot';
import type { Scheduler, TimerHandle } from './scheduler';

/** What a `DepthChannel` needs. */
export interface DepthChannelOptions {
  readonly symbol: SymbolId;
  readonly http: HttpGet;
  readonly scheduler: Scheduler;
  readonly random: Rng;
  readonly restUrl: string;
  /** Levels per side of the snapshot. */
  readonly limit: number;
  readonly timeoutMs: number;
  /** Delays between snapshot attempts. */
  readonly backoff: BackoffOptions;
  readonly maxBuffered: number;
  readonly emit: (u: MarketUpdate) => void;
}

/**
 * The order book of one symbol on a live connection: diffs go through `BookSync`; when it needs a
 * snapshot (the first diff buffered, or a gap) one is fetched over REST, and fetched again after
 * a backoff when it fails or is too old. Emits applied diffs as they are, a full-book `reset`
 * depth update after each (re)sync, and `gap`, `resynced`, `crossed` and `error` statuses.
 */
export class DepthChannel {
  readonly sync: BookSync;
  /** Gaps and crossed books seen (each starts a resync). */
  gaps = 0;
  /** Books rebuilt from a snapshot. */
  resyncs = 0;
  private readonly _o: DepthChannelOptions;
  private _fetching = false;
  private _retry: TimerHandle | null = null;
  private _attempt = 0;
  /** Bumped by `reset`: replies to older requests are ignored. */
  private _epoch = 0;

  constructor(o: DepthChannelOptions) {
    this._o = o;
    this.sync = new BookSync(new OrderBook(o.symbol, 1024), { maxBuffered: o.maxBuffered });
  }

  /** Takes one diff of the stream. */
  onDiff(u: DepthUpdate): void {
    const outcome = this.sync.onDiff(u);
    switch (outcome) {
      case 'applied':
        this._o.emit(u);
        return;
      case 'dropped':
        return;
      case 'buffered':
        this._requestSnapshot();
        return;
      case 'gap':
        this.gaps++;
        this._status('gap', `${this.sync.problem}; fetching a new snapshot`);
        this._requestSnapshot();
        return;
      case 'crossed':
        this.gaps++;
        this._status('crossed', `${this.sync.problem}; fetching a new snapshot`);
        return;
    }
  }

  /** Starts over (the connection was lost): the book is emptied and pending requests forgotten. */
  reset(): void {
    this._epoch++;
    this._fetching = false;
    this._cancelRetry();
    this._attempt = 0;
    this.sync.reset();
  }

  private _requestSnapshot(): void {
    if (this._fetching || this._retry !== null || this.sync.state !== 'awaiting_snapshot') return;
    const o = this._o;
    const epoch = this._epoch;
    this._fetching = true;
    const url = depthSnapshotUrl(o.restUrl, o.symbol, o.limit);
    o.http(url, { timeoutMs: o.timeoutMs }).then(
      (res) => {
        if (epoch !== this._epoch) return;
        this._fetching = false;
        if (res.status !== 200) {
          const retryAfter = Number(headerValue(res.headers, 'retry-after'));
          const waitMs = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 0;
          this._failed(`depth snapshot HTTP ${res.status}: ${res.body.slice(0, 100)}`, waitMs);
          return;
        }
        const parsed = parseDepthSnapshot(res.body);
        if (!parsed.ok) {
          this._failed(parsed.error, 0);
          return;
        }
        this._onSnapshot(parsed.value);
      },
      (e: unknown) => {
        if (epoch !== this._epoch) return;
        this._fetching = false;
        this._failed(`depth snapshot: ${e instanceof Error ? e.message : String(e)}`, 0);
      },
    );
  }

  private _onSnapshot(s: DepthSnapshot): void {
    const outcome = this.sync.onSnapshot(s);
    switch (outcome) {
      case 'synced': {
        this._attempt = 0;
        this.resyncs++;
        const book = this.sync.book;
        this._status(
          'resynced',
          `book rebuilt from snapshot ${s.lastUpdateId} and ${this.sync.appliedFromBuffer} buffered diffs`,
        );
        this._o.emit({
          kind: 'depth',
          symbol: this._o.symbol,
          reset: true,
          bids: book.levels('bid'),
          asks: book.levels('ask'),
          firstUpdateId: book.updateId,
          lastUpdateId: book.updateId,
          ts: timestampMs(this._o.scheduler.now()),
        });
        return;
      }
      case 'gap':
        // The snapshot is older than the buffered diffs: Binance's advice is to fetch another.
        this._scheduleRetry(0);
        return;
      case 'crossed':
        this.gaps++;
        this._status('crossed', `${this.sync.problem}; fetching a new snapshot`);
        return;
      case 'ignored':
        return;
    }
  }

  private _failed(message: string, minWaitMs: number): void {
    this._status('error', message);
    this._scheduleRetry(minWaitMs);
  }

  private _scheduleRetry(minWaitMs: number): void {
    const o = this._o;
    const delay = Math.max(minWaitMs, backoffDelay(this._attempt++, o.backoff, o.random));
    this._retry = o.scheduler.setTimer(() => {
      this._retry = null;
      this._requestSnapshot();
    }, delay);
  }

  private _cancelRetry(): void {
    if (this._retry !== null) this._o.scheduler.clearTimer(this._retry);
    this._retry = null;
  }

  private _status(status: FeedStatus, message: string): void {
    const o = this._o;
    o.emit({
      kind: 'status',
      symbol: o.symbol,
      status,
      message,
      ts: timestampMs(o.scheduler.now()),
    });
  }
}
