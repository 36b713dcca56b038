// One opened paper session at work: market updates applied in batches that share a WAL write,
// venue reports polled when they fall due, commands answered once durable, and waits released
// when what they wait for is journaled. Lives from a session's open to its next reopen.
import type { PaperSession } from '../../../engine-core/src/live';
import type { Scheduler, TimerHandle } from '../../../engine-core/src/market';
import type { ClientOrderId, EngineCommand, EngineEvent } from '../../../engine-core/src/model';
import type { MarketUpdate } from '../../../engine-core/src/venue';
import { DurableWaits } from './durable-waits';
import type { FeedSink, MarketEffects, PaperClock, RunningFeed } from './paper-feed';

/** What the run tells its owner. */
export interface SessionRunHooks {
  /** What applied updates produced besides state (rows, the strategy's trades, books, bars). */
  readonly fx: MarketEffects;
  /** Everything applied so far may be durable now, or the feed said something: a view is due. */
  readonly changed: () => void;
  /** The WAL failed: the run has stopped its feed; the session cannot go on. */
  readonly failed: (why: string) => void;
}

/** Queued replay updates above which the replay pauses until the WAL catches up. */
const QUEUE_HIGH = 50_000;
const QUEUE_LOW = 5_000;
/** Live bars close and the quality strip refreshes this often without data, ms. */
const TICK_MS = 1_000;

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** A session at work, with its clock and (once started) its feed. */
export class SessionRun {
  private _feed: RunningFeed | null = null;
  private _queue: MarketUpdate[] = [];
  private _pumping: Promise<void> | null = null;
  private readonly _waits = new DurableWaits();
  private _dueTimer: TimerHandle | null = null;
  private _tickTimer: TimerHandle | null = null;
  private _stopped = false;

  constructor(
    readonly session: PaperSession,
    readonly clock: PaperClock,
    private readonly _scheduler: Scheduler,
    private readonly _hooks: SessionRunHooks,
  ) {
    this._tickTimer = _scheduler.setTimer(() => this._tick(), TICK_MS);
  }

  get feed(): RunningFeed | null {
    return this._feed;
  }

  /** Where the feed's updates go. */
  readonly sink: FeedSink = {
    onUpdate: (u) => this._onUpdate(u),
    onEnd: () => {
      this._feed?.ended(this._hooks.fx);
      this._hooks.changed();
    },
  };

  /** Runs `feed` (started with `sink`). */
  setFeed(feed: RunningFeed): void {
    this._feed = feed;
    this.scheduleDue();
  }

  /** Runs a command; resolves with its events once durable, or why it could not be journaled. */
  async command(cmd: EngineCommand): Promise<EngineEvent[] | string> {
    try {
      const events = await this.session.command(cmd);
      this._hooks.fx.engineEvents(events);
      this.scheduleDue();
      this._durable();
      return events;
    } catch (e) {
      return this._fail(`not journaled: ${messageOf(e)}`);
    }
  }

  /** Events staged elsewhere (the strategy's orders): the pump writes them. */
  staged(): void {
    this._kick();
  }

  /** Resolves true once no order of `ids` is open and that is durable; false if the run stops. */
  ended(ids: readonly ClientOrderId[]): Promise<boolean> {
    const s = this.session;
    const holds = () => ids.every((id) => !s.state.openOrders.has(id));
    if (holds() && s.durableSeq === s.stagedSeq) return Promise.resolve(true);
    if (this._stopped) return Promise.resolve(false);
    const done = this._waits.wait(holds);
    this._kick();
    return done;
  }

  /** Resolves once nothing is queued or in flight. */
  async idle(): Promise<void> {
    for (;;) {
      const pumping = this._pumping;
      if (pumping !== null) {
        await pumping;
        continue;
      }
      await this.flush();
      if (this._pumping === null && this._queue.length === 0) return;
    }
  }

  /** Flushes the session; returns why it failed. */
  async flush(): Promise<string | null> {
    try {
      await this.session.flush();
      return null;
    } catch (e) {
      return this._fail(`the WAL failed: ${messageOf(e)}`);
    }
  }

  /**
   * Stops the feed and timers and waits until everything applied is durable. Waits end here
   * (false): the session's venue, pending cancels included, goes with it.
   */
  async stop(): Promise<void> {
    this._halt();
    await this.flush();
    this._waits.drop();
  }

  /** Reports fall due `latencyMs` after their cause (replay: market time): a timer polls then. */
  scheduleDue(): void {
    if (this._dueTimer !== null) this._scheduler.clearTimer(this._dueTimer);
    this._dueTimer = null;
    const s = this.session;
    const due = s.nextDueTs();
    if (due === null || this._stopped) return;
    const speed = this._feed?.replay?.speed ?? 1;
    const wait = Number.isFinite(speed) ? Math.max(0, (due - this.clock.now()) / speed) : 0;
    this._dueTimer = this._scheduler.setTimer(() => {
      this._dueTimer = null;
      this.clock.advanceTo(due);
      const events = s.engine.poll();
      s.stage(events);
      this._hooks.fx.engineEvents(events);
      this._kick();
    }, wait);
  }

  private _onUpdate(u: MarketUpdate): void {
    if (this._stopped) return;
    this._queue.push(u);
    const replay = this._feed?.replay;
    if (replay && this._queue.length > QUEUE_HIGH && replay.state === 'playing') replay.pause();
    this._kick();
  }

  /** Makes sure the pump runs: it applies queued updates and flushes whatever is staged. */
  private _kick(): void {
    if (this._pumping !== null || this._stopped) return;
    this._pumping = new Promise<void>((resolve) => queueMicrotask(resolve))
      .then(() => this._pump())
      .finally(() => {
        this._pumping = null;
      });
  }

  /** Applies queued updates in batches, one WAL write each, until nothing is left to write. */
  private async _pump(): Promise<void> {
    const s = this.session;
    for (;;) {
      const f = this._feed;
      if (this._queue.length > 0 && f !== null && !this._stopped) {
        const batch = this._queue;
        this._queue = [];
        const now = this._scheduler.now();
        for (const u of batch) f.apply(s, u, now, this._hooks.fx);
      }
      if (s.stagedSeq === s.durableSeq && this._queue.length === 0) break;
      if ((await this.flush()) !== null) return;
      const replay = this._feed?.replay;
      if (replay && replay.state === 'paused' && this._queue.length < QUEUE_LOW) replay.resume();
      this._durable();
    }
    this.scheduleDue();
    this._durable();
  }

  private _tick(): void {
    this._tickTimer = null;
    const f = this._feed;
    if (f !== null && f.replay === null) f.closeUntil(this._scheduler.now(), this._hooks.fx);
    this._hooks.changed();
    if (!this._stopped) this._tickTimer = this._scheduler.setTimer(() => this._tick(), TICK_MS);
  }

  /** Everything applied may be durable now: releases waits, asks for a view. */
  private _durable(): void {
    const s = this.session;
    if (s.durableSeq === s.stagedSeq) this._waits.check();
    this._hooks.changed();
  }

  private _halt(): void {
    this._stopped = true;
    this._feed?.stop();
    this._queue = [];
    for (const t of [this._tickTimer, this._dueTimer])
      if (t !== null) this._scheduler.clearTimer(t);
    this._tickTimer = null;
    this._dueTimer = null;
  }

  private _fail(why: string): string {
    if (!this._stopped) {
      this._halt();
      this._waits.drop();
      this._hooks.failed(why);
    }
    return why;
  }
}
