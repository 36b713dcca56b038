// The paper session's execution algorithms: an `ExecScheduler` beside the session, driven the way
// engine-core's exec paper tests drive it: the session's clock (`onTime`), the feed's trades
// (`onMarket`, for POV and chasing limit children) and every engine event the session applies
// (`onEngineEvents`); passive children are priced off the session's book (`quote`). Children
// go through the session's engine and are staged in its WAL like the strategy's orders; the
// parents are journaled in the account's parent journal (engine-core `ParentJournal`, beside
// the WAL) and rebuilt from it when the session opens again (a reload, a crash, a feed change).
// Durability order: a new parent's record before its first child (the scheduler holds it until
// `release`); every other parent record after the WAL events staged before it.

import {
  type AlgoSpec,
  type ChildOrder,
  ExecScheduler,
  type ParentId,
  type ParentImage,
  type ParentJournal,
  type ParentProgress,
  volumeProfile,
} from '../../../engine-core/src/exec';
import type { PaperSession } from '../../../engine-core/src/live';
import {
  type Candles,
  candlesFromColumns,
  type Scheduler,
  type TimerHandle,
} from '../../../engine-core/src/market';
import type { EngineEvent, SymbolId, TimestampMs } from '../../../engine-core/src/model';
import type { AlgoAction, PaperResult, TicketAlgo } from './paper-api';

/** Where the algos run: the session, the feed's symbol and bars, its clock. */
export interface AlgoEnv {
  readonly session: PaperSession;
  readonly symbol: SymbolId;
  readonly now: () => number;
  /** The feed's bars so far (VWAP's volume profile), oldest first. */
  readonly bars: () => Candles;
  /** True while a replay drives time (its updates advance the clock; no wall timers). */
  readonly replay: () => boolean;
  /** Events the scheduler's own commands caused, once staged in the session's WAL. */
  readonly emitted: (events: readonly EngineEvent[]) => void;
  /** The parent journal could not be written: parents go on in memory but may not survive. */
  readonly failed: (why: string) => void;
}

const DAY_MS = 86_400_000;

/** The engine-core spec of a ticket's algo order, at `now` on `symbol`. */
export function algoSpecOf(t: TicketAlgo, symbol: SymbolId, now: number, bars: Candles): AlgoSpec {
  const base = { symbol, side: t.side, qty: t.qty };
  switch (t.algo) {
    case 'twap':
      return {
        ...base,
        algo: 'twap',
        startTs: now,
        durationMs: t.durationMs,
        slices: t.slices,
        ...childOf(t),
      };
    case 'vwap':
      return {
        ...base,
        algo: 'vwap',
        startTs: now,
        endTs: now + t.durationMs,
        // Buckets of the feed's bar interval over a UTC day; flat shares before any volume.
        profile: volumeProfile(bars, bars.intervalMs, DAY_MS),
        ...childOf(t),
      };
    case 'pov':
      return {
        ...base,
        algo: 'pov',
        participation: t.participation,
        tolerance: 0.2,
        minChildQty: Math.min(t.maxChildQty, t.qty),
        maxChildQty: t.maxChildQty,
        ...childOf(t),
      };
    case 'iceberg':
      return { ...base, algo: 'iceberg', price: t.price, visibleQty: t.visibleQty };
  }
}

/** The ticket's child pricing, as a spec field only when it is given (market specs unchanged). */
const childOf = (t: { readonly child?: ChildOrder }): { child?: ChildOrder } =>
  t.child === undefined ? {} : { child: t.child };

/** The feed's bars as `Candles` (for the volume profile). */
export function barsAsCandles(
  symbol: string,
  intervalMs: number,
  bars: readonly {
    time: number;
    open: number;
    high: number;
    low: number;
    close: number;
    volume: number;
  }[],
): Candles {
  const col = (k: 'time' | 'open' | 'high' | 'low' | 'close' | 'volume') =>
    Float64Array.from(bars, (b) => b[k]);
  return candlesFromColumns(symbol, `${intervalMs}ms`, intervalMs, {
    time: col('time'),
    open: col('open'),
    high: col('high'),
    low: col('low'),
    close: col('close'),
    volume: col('volume'),
  });
}

/** The scheduler of the running session, or none between sessions. */
export class AlgoSlot {
  private _sched: ExecScheduler | null = null;
  private _env: AlgoEnv | null = null;
  private _journal: ParentJournal | null = null;
  private _timer: TimerHandle | null = null;
  private _failed = false;

  constructor(private readonly _timers: Scheduler) {}

  /**
   * A scheduler for `env`, rebuilt from the journal's `parents` (`ExecScheduler.restore`):
   * working parents go on from the children the WAL holds, paused and ended ones stay so.
   */
  start(env: AlgoEnv, journal: ParentJournal, parents: readonly ParentImage[]): void {
    this.stop();
    this._env = env;
    this._journal = journal;
    this._failed = false;
    const sched = new ExecScheduler({
      engine: env.session.engine,
      emit: (events) => {
        env.session.stage(events);
        env.emitted(events);
      },
      journal: (r) => journal.stage(r),
      // Passive children rest at the touch of the book the paper venue fills against.
      quote: (symbol) => {
        const book = env.session.book(symbol);
        return book === undefined ? undefined : { bid: book.bestBid(), ask: book.bestAsk() };
      },
    });
    this._sched = sched;
    // A working parent on another symbol than this feed's waits, paused in memory only (its
    // journal still says working): this feed's venue has no book for it, so its children would
    // be refused until it failed. It goes on when a session on its symbol opens again.
    const here = parents.map((p) =>
      p.state.kind === 'working' && p.spec.symbol !== env.symbol
        ? { ...p, state: { kind: 'paused' as const } }
        : p,
    );
    const restored = sched.restore(here, env.now());
    if (!restored.ok) env.failed(restored.error); // a fresh scheduler: not expected
    this.drive();
  }

  /**
   * Drops the scheduler (parents go on when the session opens again). Returns its journal,
   * which the caller flushes once the session's WAL is durable.
   */
  stop(): ParentJournal | null {
    const j = this._journal;
    this._sched = null;
    this._env = null;
    this._journal = null;
    this._disarm();
    return j;
  }

  /** Makes the parent records staged so far durable, after the WAL events staged before them. */
  async flush(): Promise<void> {
    const env = this._env;
    const j = this._journal;
    if (env === null || j === null) return;
    await env.session.flush();
    await j.flush();
  }

  /**
   * Makes the parent records staged so far durable, before the WAL events staged with them: a
   * pause or cancel must hold before its child cancels do (restoring a paused or ended parent
   * cancels its open children, but a parent that still reads working would send them again).
   */
  async flushJournal(): Promise<void> {
    await this._journal?.flush();
  }

  /** Every parent's progress, oldest first. */
  view(): readonly ParentProgress[] {
    return this._sched?.all() ?? [];
  }

  submit(t: TicketAlgo): PaperResult {
    const s = this._sched;
    const env = this._env;
    if (s === null || env === null) return { ok: false, error: 'no feed to run the algo on' };
    const now = env.now();
    const r = s.submit(algoSpecOf(t, env.symbol, now, env.bars()), now);
    if (!r.ok) return { ok: false, error: r.error };
    // Held: its first children go at `release`, once its record is durable.
    return { ok: true, clientOrderId: r.value };
  }

  /** A submitted parent's record is durable: it may send. */
  release(parentId: string): void {
    const s = this._sched;
    const env = this._env;
    if (s === null || env === null) return;
    s.release(parentId as ParentId, env.now());
    this.drive();
  }

  /** Ends a parent whose record could not be journaled (it never sent anything). */
  abandon(parentId: string, why: string): void {
    const s = this._sched;
    const env = this._env;
    if (s === null || env === null) return;
    s.cancel(parentId as ParentId, env.now(), why);
  }

  control(parentId: string, action: AlgoAction): PaperResult {
    const s = this._sched;
    const env = this._env;
    if (s === null || env === null) return { ok: false, error: `unknown parent ${parentId}` };
    const id = parentId as ParentId;
    const now = env.now();
    const r =
      action === 'pause'
        ? s.pause(id, now)
        : action === 'resume'
          ? s.resume(id, now)
          : s.cancel(id, now);
    this.drive();
    return r.ok ? { ok: true, clientOrderId: parentId } : { ok: false, error: r.error };
  }

  /** Engine events the session applied (venue reports, ticks, commands): children's fills and ends. */
  onEngineEvents(events: readonly EngineEvent[]): void {
    if (this._sched === null) return;
    if (events.length > 0) this._sched.onEngineEvents(events);
    // Every applied update moved the clock (a replay's time): due wake-ups fire now.
    this.drive();
  }

  /** A trade on the feed: volume for POV. */
  onTrade(t: { time: number; price: number; qty: number; side: 'BUY' | 'SELL' }): void {
    const s = this._sched;
    const env = this._env;
    if (s === null || env === null) return;
    s.onMarket({
      kind: 'trade',
      symbol: env.symbol,
      price: t.price,
      qty: t.qty,
      side: t.side,
      ts: t.time as TimestampMs,
    });
    this.drive();
  }

  /** Fires the wake-ups due at the session's clock; live, a wall timer brings the next one. */
  drive(): void {
    const s = this._sched;
    const env = this._env;
    if (s === null || env === null) return;
    s.onTime(env.now());
    this._flushSoon();
    this._disarm();
    const next = s.nextWakeTs();
    if (next === null || env.replay()) return;
    this._timer = this._timers.setTimer(
      () => {
        this._timer = null;
        this.drive();
      },
      Math.max(0, next - env.now()),
    );
  }

  /** Parent records staged by wake-ups (ends, POV checkpoints) go to disk after the WAL. */
  private _flushSoon(): void {
    const env = this._env;
    if (env === null || this._journal === null || this._journal.pendingCount === 0) return;
    this.flush().catch((e: unknown) => {
      if (this._failed) return;
      this._failed = true;
      env.failed(`parent journal: ${e instanceof Error ? e.message : String(e)}`);
    });
  }

  private _disarm(): void {
    if (this._timer !== null) this._timers.clearTimer(this._timer);
    this._timer = null;
  }
}
