import type { SymbolId } from '../../model';
import { assert } from '../../util/assert';
import type { MarketFeed, MarketUpdate } from '../../venue/market-feed';
import type { Scheduler, TimerHandle } from './scheduler';

/** Settings of a `ReplayFeed`. */
export interface ReplayFeedOptions {
  /** The recorded updates, in time order (an array, `candleUpdates(…)`, a parsed NDJSON file). */
  readonly updates: Iterable<MarketUpdate>;
  /** Time and timers: wall time to watch a replay, a `ManualScheduler` in tests. */
  readonly scheduler: Scheduler;
  /** Replay speed: 1 is real time, N is N× faster, `Infinity` as fast as possible (default 1). */
  readonly speed?: number;
  /** At `Infinity` speed, updates delivered per timer turn, so pause/stop get a chance (4096). */
  readonly chunk?: number;
  /** Called once when the last update has been delivered. */
  readonly onEnd?: () => void;
}

/** Where a replay is. */
export type ReplayState = 'idle' | 'playing' | 'paused' | 'ended' | 'stopped';

/**
 * Plays recorded market updates as a `MarketFeed`, keeping their recorded gaps divided by
 * `speed` on the injected scheduler: paper trading runs offline on it, and tests run it on
 * virtual time. Updates of other symbols are skipped; statuses without a symbol always pass.
 * One subscription per feed; the updates are delivered with their recorded timestamps.
 */
export class ReplayFeed implements MarketFeed {
  private readonly _o: ReplayFeedOptions;
  private readonly _chunk: number;
  private _speed: number;
  private _state: ReplayState = 'idle';
  private _iter: Iterator<MarketUpdate> | null = null;
  private _next: MarketUpdate | undefined;
  private _symbols: ReadonlySet<string> = new Set();
  private _onUpdate: (u: MarketUpdate) => void = () => undefined;
  private _timer: TimerHandle | null = null;
  /** Recorded time `_anchorTs` plays at scheduler time `_anchorAt`. */
  private _anchorTs = Number.NaN;
  private _anchorAt = 0;
  private _pausedAt = 0;
  private _lastTs = Number.NaN;
  private _delivered = 0;

  constructor(options: ReplayFeedOptions) {
    this._o = options;
    this._speed = options.speed ?? 1;
    this._chunk = Math.max(1, options.chunk ?? 4096);
    assert(this._speed > 0, `replay speed must be > 0, got ${this._speed}`);
  }

  get state(): ReplayState {
    return this._state;
  }

  get speed(): number {
    return this._speed;
  }

  /** Updates delivered so far (those of other symbols not counted). */
  get delivered(): number {
    return this._delivered;
  }

  /** Recorded time of the last update played, `NaN` before the first. */
  get position(): number {
    return this._lastTs;
  }

  /** Starts playing (the first update on the next timer turn); returns `stop`. */
  subscribe(symbols: readonly SymbolId[], onUpdate: (u: MarketUpdate) => void): () => void {
    assert(this._state === 'idle', `a ReplayFeed plays once; it is ${this._state}`);
    this._symbols = new Set(symbols);
    this._onUpdate = onUpdate;
    this._iter = this._o.updates[Symbol.iterator]();
    this._next = this._pull();
    this._state = 'playing';
    this._anchorAt = this._o.scheduler.now();
    this._anchorTs = this._next?.ts ?? Number.NaN;
    this._schedule(0);
    return () => this.stop();
  }

  /** Holds delivery; `resume` goes on where it stopped, keeping the recorded gaps. */
  pause(): void {
    if (this._state !== 'playing') return;
    this._state = 'paused';
    this._pausedAt = this._o.scheduler.now();
    this._cancel();
  }

  resume(): void {
    if (this._state !== 'paused') return;
    this._state = 'playing';
    this._anchorAt += this._o.scheduler.now() - this._pausedAt;
    this._schedule(0);
  }

  /** Ends the replay for good. */
  stop(): void {
    if (this._state === 'stopped') return;
    this._state = 'stopped';
    this._cancel();
    this._iter?.return?.();
    this._iter = null;
  }

  /** Changes the speed from now on (the replay clock keeps its current position). */
  setSpeed(speed: number): void {
    assert(speed > 0, `replay speed must be > 0, got ${speed}`);
    const now = this._state === 'paused' ? this._pausedAt : this._o.scheduler.now();
    this._anchorTs = this._replayTime(now);
    this._anchorAt = now;
    this._speed = speed;
    if (this._state === 'playing') {
      this._cancel();
      this._schedule(0);
    }
  }

  /** The recorded time playing at scheduler time `now`. */
  private _replayTime(now: number): number {
    if (!Number.isFinite(this._speed))
      return Number.isNaN(this._lastTs) ? this._anchorTs : this._lastTs;
    const t = this._anchorTs + (now - this._anchorAt) * this._speed;
    const next = this._next?.ts;
    return next !== undefined && t > next ? next : t;
  }

  private _run(): void {
    this._timer = null;
    const finite = Number.isFinite(this._speed);
    const now = this._o.scheduler.now();
    let n = 0;
    for (;;) {
      const u = this._next;
      if (u === undefined) break;
      if (finite) {
        const due = this._anchorAt + (u.ts - this._anchorTs) / this._speed;
        if (due > now) {
          this._schedule(due - now);
          return;
        }
      } else if (n >= this._chunk) {
        this._schedule(0);
        return;
      }
      this._next = this._pull();
      this._lastTs = u.ts;
      n++;
      if (u.symbol === null || this._symbols.has(u.symbol)) {
        this._delivered++;
        this._onUpdate(u);
      }
      if (this._state !== 'playing') return; // paused or stopped from the callback
    }
    this._state = 'ended';
    this._iter = null;
    this._o.onEnd?.();
  }

  private _pull(): MarketUpdate | undefined {
    const r = this._iter?.next();
    return r === undefined || r.done === true ? undefined : r.value;
  }

  private _schedule(delayMs: number): void {
    this._timer = this._o.scheduler.setTimer(() => this._run(), delayMs);
  }

  private _cancel(): void {
    if (this._timer !== null) this._o.scheduler.clearTimer(this._timer);
    this._timer = null;
  }
}
