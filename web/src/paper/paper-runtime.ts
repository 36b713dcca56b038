// The paper trading session as the engine worker runs it: one `PaperSession` (the account, its
// WAL), the feed, a hosted strategy, the timers, and the `PaperView` it publishes. Platform parts
// (the WAL store, the settings store, timers, the live feed, datasets, editor strategies) are
// injected, so the same code runs in the worker and, over fake-indexeddb and virtual time, in tests.
import type { EngineConfig } from '../../../engine-core/src/engine';
import { KNOWN_INSTRUMENTS } from '../../../engine-core/src/instruments';
import { PaperSession } from '../../../engine-core/src/live';
import type { Candles, Scheduler, TimerHandle } from '../../../engine-core/src/market';
import {
  asset,
  type ClientOrderId,
  type EngineCommand,
  type EngineEvent,
  type Instrument,
  type OrderState,
  type SymbolId,
  symbolId,
} from '../../../engine-core/src/model';
import { DEFAULT_RISK_LIMITS, type RiskLimits } from '../../../engine-core/src/risk';
import type { MarketFeed, MarketUpdate } from '../../../engine-core/src/venue';
import type { WalContents, WalRecord, WalSnapshot, WalStore } from '../../../engine-core/src/wal';
import type {
  PaperCommands,
  PaperFeedSpec,
  PaperResult,
  PaperStrategySpec,
  PaperView,
  TicketOrder,
} from './paper-api';
import { type MarketEffects, PaperClock, RunningFeed, replayResumePoint } from './paper-feed';
import { nextTicketNumber, ticketId, ticketRequest } from './paper-orders';
import { PaperRows } from './paper-rows';
import type { PaperSettings } from './paper-settings';
import { resolvePaperStrategy, type StrategySourceLookup } from './paper-strategy';
import { StrategySlot } from './paper-strategy-slot';
import { accountView, bookLevels } from './paper-view';

/** Settings of a paper account. */
export interface PaperRuntimeConfig {
  /** USDT credited to a new account. */
  readonly cash: number;
  /** Order → venue and venue → report delay, ms. */
  readonly latencyMs: number;
  readonly fees: { readonly makerBps: number; readonly takerBps: number };
  readonly risk: RiskLimits;
  readonly marketProtection: number;
  /** WAL records between snapshots (default the writer's, 10 000). */
  readonly compactEvery?: number;
  /** At most one view per this many ms. */
  readonly viewEveryMs: number;
  /** The feed of an account that never chose one. */
  readonly defaultFeed: PaperFeedSpec;
}

/** Binance's spot fees without discounts, the default risk limits, a live BTCUSDT feed. */
export const DEFAULT_PAPER_CONFIG: PaperRuntimeConfig = {
  cash: 10_000,
  latencyMs: 50,
  fees: { makerBps: 10, takerBps: 10 },
  risk: DEFAULT_RISK_LIMITS,
  marketProtection: 0.05,
  viewEveryMs: 100,
  defaultFeed: { source: 'binance', symbol: 'BTCUSDT' },
};

/** What the runtime needs from its platform. */
export interface PaperRuntimeDeps {
  /** The account's WAL store (a new one after a reset). */
  readonly openStore: () => WalStore;
  /** Deletes the account's WAL (reset); the store is closed first. */
  readonly deleteStore: () => Promise<void>;
  readonly settings: {
    load(): Promise<PaperSettings>;
    saveFeed(feed: PaperFeedSpec | null): Promise<void>;
    saveStrategy(strategy: PaperStrategySpec | null): Promise<void>;
  };
  /** Wall time and timers. */
  readonly scheduler: Scheduler;
  /** Binance market data for a symbol. */
  readonly liveFeed: (symbol: SymbolId) => MarketFeed;
  readonly loadCandles: (datasetId: string) => Promise<Candles | undefined>;
  readonly lookupStrategy: StrategySourceLookup;
  readonly onView: (view: PaperView) => void;
}

/** Everything in the account, for tests and the crash test (finished orders included). */
export interface PaperInspection {
  readonly orders: readonly OrderState[];
  readonly balances: PaperView['balances'];
  readonly durableSeq: number;
  readonly stagedSeq: number;
  /** How long the last `PaperSession.open` took (WAL load + recovery + engine), ms. */
  readonly sessionOpenMs: number;
}

/** A store that keeps what it last loaded: the records after the snapshot rebuild the fills. */
class TappedStore implements WalStore {
  loaded: WalContents | null = null;
  constructor(private readonly _inner: WalStore) {}
  append(records: readonly WalRecord[]): Promise<void> {
    return this._inner.append(records);
  }
  async load(): Promise<WalContents> {
    this.loaded = await this._inner.load();
    return this.loaded;
  }
  compact(snapshot: WalSnapshot): Promise<void> {
    return this._inner.compact(snapshot);
  }
  close(): Promise<void> {
    return this._inner.close();
  }
}

/** Something a command waits for: true once it holds (checked when all applied is durable). */
interface Waiter {
  readonly holds: () => boolean;
  readonly done: (held: boolean) => void;
}

/** Queued replay updates above which the replay pauses until the WAL catches up. */
const QUEUE_HIGH = 50_000;
const QUEUE_LOW = 5_000;
/** Live bars close and the quality strip refreshes this often without data, ms. */
const TICK_MS = 1_000;
const STRATEGY_PREFIX = 'st-';

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const fail = (error: string): PaperResult => ({ ok: false, error });
const OK: PaperResult = { ok: true, clientOrderId: null };

/**
 * One paper account, run. Every state event goes through the WAL before anything it caused is
 * acknowledged or shown: commands resolve once durable (a cancel once the order's end is),
 * market updates are applied in batches that share one WAL write, and a view is published only
 * when everything applied is durable. Control commands (feed, strategy, reset) run one at a
 * time; orders wait for the one running.
 */
export class PaperRuntime implements PaperCommands {
  private readonly _o: PaperRuntimeConfig;
  private readonly _d: PaperRuntimeDeps;
  private _store: TappedStore | null = null;
  private _session: PaperSession | null = null;
  private _clock: PaperClock | null = null;
  private _feed: RunningFeed | null = null;
  /** Why there is no feed (its dataset is gone), shown as the feed message. */
  private _noFeed = '';
  private readonly _strategy = new StrategySlot();
  private readonly _rows = new PaperRows();
  private _status: PaperView['status'] = 'starting';
  private _error: string | null = null;
  private _cash: number;
  private _nextTicket = 1;
  private _queue: MarketUpdate[] = [];
  private _pumping: Promise<void> | null = null;
  private _waiters: Waiter[] = [];
  private _control: Promise<unknown> = Promise.resolve();
  private _dueTimer: TimerHandle | null = null;
  private _tickTimer: TimerHandle | null = null;
  private _viewTimer: TimerHandle | null = null;
  private _lastViewAt = Number.NEGATIVE_INFINITY;
  private _closed = false;
  private _sessionOpenMs = 0;
  private readonly _fx: MarketEffects = {
    engineEvents: (events) => this._engineEvents(events),
    trade: (t) => this._strategy.host?.pushTrade(t),
    book: (b) => this._strategy.host?.pushBook(b),
    bars: (closed) => {
      const host = this._strategy.host;
      if (host !== null) for (const b of closed) host.pushBar(b);
      this._kick();
    },
  };

  constructor(config: PaperRuntimeConfig, deps: PaperRuntimeDeps) {
    this._o = config;
    this._d = deps;
    this._cash = config.cash;
  }

  /** Opens the account (recovering its WAL), starts its feed and re-attaches its strategy. */
  start(): Promise<void> {
    return this._serial(async () => {
      const settings = await this._d.settings
        .load()
        .catch((): PaperSettings => ({ feed: null, strategy: null }));
      const feed = settings.feed ?? this._o.defaultFeed;
      const why = await this._open(feed, true);
      // A feed that cannot start (its dataset was deleted): the account opens without one.
      if (why !== null && this._status !== 'error') {
        await this._open(null, true);
        const what = feed.source === 'replay' ? `replay of ${feed.datasetId}` : feed.symbol;
        this._noFeed = `${what}: ${why}`;
      }
      if (settings.strategy !== null && this._session !== null)
        await this._attach(settings.strategy, false);
      this._changed();
    });
  }

  // ---- PaperCommands -------------------------------------------------------------------------

  async submit(order: TicketOrder): Promise<PaperResult> {
    await this._control;
    const s = this._usable();
    if (typeof s === 'string') return fail(s);
    const feed = this._feed;
    if (feed === null) return fail('no market: choose a feed first');
    const id = ticketId(this._nextTicket++);
    const req = ticketRequest(order, id, feed.symbol);
    if (!req.ok) return fail(req.error);
    const events = await this._command(s, { type: 'submit_order', request: req.value });
    if (typeof events === 'string') return fail(events);
    for (const e of events) {
      if (e.type === 'order_denied' || e.type === 'duplicate_order_rejected') return fail(e.reason);
      if (e.type === 'command_failed') return fail(e.message);
    }
    return { ok: true, clientOrderId: id };
  }

  /** Resolves once the order's end (cancelled, or filled first) is durable. */
  async cancel(clientOrderId: string): Promise<PaperResult> {
    await this._control;
    const s = this._usable();
    if (typeof s === 'string') return fail(s);
    const id = clientOrderId as ClientOrderId;
    const events = await this._command(s, { type: 'cancel_order', clientOrderId: id });
    if (typeof events === 'string') return fail(events);
    for (const e of events) {
      if (e.type === 'cancel_rejected') return fail(e.reason);
      if (e.type === 'cancel_ignored')
        return fail(`${clientOrderId} is already ${e.order.status.toLowerCase()}`);
      if (e.type === 'command_failed') return fail(e.message);
    }
    if (!(await this._ended(s, [id]))) return fail(`${clientOrderId}: the session was reopened`);
    const status = s.state.orders.get(id)?.status;
    return status === 'CANCELLED'
      ? { ok: true, clientOrderId }
      : fail(`${clientOrderId} was ${status?.toLowerCase()} before the cancel reached it`);
  }

  /** Cancels every open order; resolves once their ends are durable. */
  async cancelAll(): Promise<PaperResult> {
    await this._control;
    const s = this._usable();
    if (typeof s === 'string') return fail(s);
    const ids = [...s.state.openOrders];
    for (const id of ids) {
      const events = await this._command(s, { type: 'cancel_order', clientOrderId: id });
      if (typeof events === 'string') return fail(events);
    }
    return (await this._ended(s, ids)) ? OK : fail('the session was reopened');
  }

  setFeed(feed: PaperFeedSpec): Promise<PaperResult> {
    return this._serial(async () => {
      const s = this._usable();
      if (typeof s === 'string') return fail(s);
      const inst = this._instrument(feed.symbol);
      if (inst === null) return fail(`unknown instrument "${feed.symbol}"`);
      const cur = this._feed;
      const curSpec = cur?.spec;
      if (
        cur?.replay &&
        feed.source === 'replay' &&
        curSpec?.source === 'replay' &&
        curSpec.datasetId === feed.datasetId &&
        cur.symbol === inst.symbol &&
        cur.replay.state !== 'ended'
      ) {
        // The same replay at another speed goes on from where it is.
        if (!(feed.speed > 0)) return fail('speed: must be > 0');
        await this._d.settings.saveFeed(feed);
        cur.setSpeed(feed);
        this._scheduleDue();
        this._changed();
        return OK;
      }
      const r = await this._open(feed, false);
      if (r !== null) return fail(r);
      await this._d.settings.saveFeed(feed);
      this._changed();
      return OK;
    });
  }

  attachStrategy(spec: PaperStrategySpec): Promise<PaperResult> {
    return this._serial(async () => {
      const s = this._usable();
      if (typeof s === 'string') return fail(s);
      const r = await this._attach(spec, true);
      if (r !== null) return fail(r);
      await this._d.settings.saveStrategy(spec);
      const flushed = await this._flush();
      this._changed();
      return flushed === null ? OK : fail(flushed);
    });
  }

  /** Stops the strategy; resolves once its cancelled orders' ends are durable. */
  detachStrategy(): Promise<PaperResult> {
    return this._serial(async () => {
      const s = this._session;
      const mine = s ? [...s.state.openOrders].filter((id) => id.startsWith(STRATEGY_PREFIX)) : [];
      this._detach(true);
      this._strategy.clear();
      await this._d.settings.saveStrategy(null);
      this._kick();
      const ended = s === null || (await this._ended(s, mine));
      this._changed();
      return ended ? OK : fail('the session was reopened');
    });
  }

  resetAccount(cash: number): Promise<PaperResult> {
    return this._serial(async () => {
      if (!(Number.isFinite(cash) && cash > 0)) return fail('cash: must be a number > 0');
      const feed = this._feed?.spec ?? this._o.defaultFeed;
      this._detach(false);
      this._strategy.clear();
      await this._shut();
      try {
        await this._store?.close();
        this._store = null;
        await this._d.deleteStore();
        await this._d.settings.saveStrategy(null);
      } catch (e) {
        return fail(`could not delete the account: ${messageOf(e)}`);
      }
      this._cash = cash;
      this._rows.clear();
      this._status = 'starting';
      this._error = null;
      const r = await this._open(feed, false);
      this._changed();
      return r === null ? OK : fail(r);
    });
  }

  /** The whole account (finished orders too): for tests and the crash test. */
  async inspect(): Promise<PaperInspection> {
    await this._control;
    const s = this._session;
    return {
      orders: s ? [...s.state.orders.values()] : [],
      balances: s ? s.engine.balances() : [],
      durableSeq: s?.durableSeq ?? 0,
      stagedSeq: s?.stagedSeq ?? 0,
      sessionOpenMs: this._sessionOpenMs,
    };
  }

  /** Resolves once nothing is in flight: no control command, no queued update, all durable. */
  async idle(): Promise<void> {
    for (;;) {
      await this._control;
      const pumping = this._pumping;
      if (pumping !== null) {
        await pumping;
        continue;
      }
      await this._flush();
      if (this._pumping === null && this._queue.length === 0) return;
    }
  }

  /** Stops everything and closes the stores; later commands fail. */
  close(): Promise<void> {
    return this._serial(async () => {
      this._detach(false);
      await this._shut();
      await this._store?.close();
      this._store = null;
      this._closed = true;
      this._status = 'stopped';
      if (this._viewTimer !== null) this._d.scheduler.clearTimer(this._viewTimer);
      this._viewTimer = null;
    });
  }

  /** The view now (also published on every change, throttled). */
  view(): PaperView {
    const s = this._session;
    const f = this._feed;
    const book = s && f ? s.book(f.symbol) : undefined;
    const account = s
      ? accountView(s.engine)
      : {
          balances: [],
          positions: [],
          openOrders: [],
          equity: 0,
          realizedPnl: 0,
          unrealizedPnl: 0,
        };
    return {
      status: this._status,
      error: this._error,
      role: 'leader',
      feed: f?.spec ?? null,
      feedStatus: f?.status ?? 'idle',
      feedMessage: f?.message ?? this._noFeed,
      quality: f ? f.quality.snapshot(this._d.scheduler.now(), book ?? null) : null,
      book: bookLevels(book),
      lastPrice: f?.lastPrice ?? null,
      candles: f ? f.chart() : [],
      ...account,
      fills: this._rows.fills.slice(),
      log: this._rows.log.slice(),
      strategy: this._strategy.view(),
      durableSeq: s?.durableSeq ?? 0,
      candleInterval: f?.bars.interval ?? '1m',
      replay: f ? f.progress() : null,
    };
  }

  // ---- session and feed ------------------------------------------------------------------------

  /**
   * (Re)opens the session for `feed` (none: null): stops the running one, recovers the account
   * from the WAL with a clock for the new feed (wall time live; the replay's time, resumed after
   * the account's last event when `resume` and it falls within the dataset), starts the feed
   * and runs the strategy again on the new session. Returns why it failed.
   */
  private async _open(feed: PaperFeedSpec | null, resume: boolean): Promise<string | null> {
    const inst = feed === null ? null : this._instrument(feed.symbol);
    if (feed !== null && inst === null) return `unknown instrument "${feed.symbol}"`;
    let candles: Candles | null = null;
    if (feed?.source === 'replay') {
      if (!(feed.speed > 0)) return 'speed: must be > 0';
      try {
        candles = (await this._d.loadCandles(feed.datasetId)) ?? null;
      } catch (e) {
        return `cannot read dataset "${feed.datasetId}": ${messageOf(e)}`;
      }
      if (candles === null || candles.length === 0) return `no dataset "${feed.datasetId}"`;
    }
    const recover = this._session === null && this._rows.fills.length === 0;
    this._detach(false);
    await this._shut();
    this._store ??= new TappedStore(this._d.openStore());
    const clock = new PaperClock(() => this._d.scheduler.now());
    const t0 = performance.now();
    const opened = await PaperSession.open({
      engine: this._engineConfig(),
      latencyMs: this._o.latencyMs,
      deposits: [{ asset: asset('USDT'), amount: this._cash }],
      store: this._store,
      clock,
      ...(this._o.compactEvery === undefined ? {} : { compactEvery: this._o.compactEvery }),
    });
    if (!opened.ok) {
      this._status = 'error';
      this._error = opened.error;
      this._changed();
      return opened.error;
    }
    this._sessionOpenMs = performance.now() - t0;
    const s = opened.value;
    this._session = s;
    this._clock = clock;
    this._status = 'running';
    this._error = null;
    this._noFeed = '';
    this._nextTicket = nextTicketNumber(s.state);
    if (recover) this._rows.recover(s.state, this._store.loaded, s.durableSeq, clock.now());
    this._tickTimer = this._d.scheduler.setTimer(() => this._tick(), TICK_MS);
    if (feed !== null && inst !== null) {
      const sink = {
        onUpdate: (u: MarketUpdate) => this._onUpdate(u),
        onEnd: () => this._onReplayEnd(),
      };
      if (feed.source === 'replay' && candles !== null) {
        const after = resume ? replayResumePoint(candles, s.state.lastTs) : undefined;
        clock.follow(after ?? (candles.time[0] as number));
        const sched = this._d.scheduler;
        this._feed = RunningFeed.replay(
          feed,
          inst.symbol,
          candles,
          inst.tickSize,
          after,
          sched,
          sink,
        );
      } else {
        this._feed = RunningFeed.live(feed, inst.symbol, this._d.liveFeed(inst.symbol), sink);
      }
      this._feed.lastPrice = s.state.marks.get(inst.symbol) ?? null;
      const spec = this._strategy.spec;
      if (spec !== null) await this._attach(spec, false);
    }
    this._scheduleDue();
    this._changed();
    return null;
  }

  /** Stops the feed and timers, waits until everything applied is durable, drops the session. */
  private async _shut(): Promise<void> {
    this._feed?.stop();
    this._feed = null;
    for (const t of [this._tickTimer, this._dueTimer])
      if (t !== null) this._d.scheduler.clearTimer(t);
    this._tickTimer = null;
    this._dueTimer = null;
    this._queue = [];
    await this._flush();
    // Waits on this session end here: its venue (pending cancels included) goes with it.
    for (const w of this._waiters.splice(0)) w.done(false);
    this._session = null;
    this._clock = null;
  }

  private _engineConfig(): EngineConfig {
    return {
      accountAsset: asset('USDT'),
      instruments: KNOWN_INSTRUMENTS,
      fees: this._o.fees,
      risk: this._o.risk,
      marketProtection: this._o.marketProtection,
    };
  }

  private _instrument(symbol: string): Instrument | null {
    const id = symbolId(symbol);
    return KNOWN_INSTRUMENTS.find((i) => i.symbol === id) ?? null;
  }

  // ---- market updates, due reports, durability ----------------------------------------------

  private _onUpdate(u: MarketUpdate): void {
    this._queue.push(u);
    const replay = this._feed?.replay;
    if (replay && this._queue.length > QUEUE_HIGH && replay.state === 'playing') replay.pause();
    this._kick();
  }

  /** Makes sure the pump runs: it applies queued updates and flushes whatever is staged. */
  private _kick(): void {
    if (this._pumping !== null) return;
    this._pumping = new Promise<void>((resolve) => queueMicrotask(resolve))
      .then(() => this._pump())
      .finally(() => {
        this._pumping = null;
      });
  }

  /** Applies queued updates in batches, one WAL write each, until nothing is left to write. */
  private async _pump(): Promise<void> {
    for (;;) {
      const s = this._session;
      const f = this._feed;
      if (s === null) return;
      if (this._queue.length > 0 && f !== null) {
        const batch = this._queue;
        this._queue = [];
        const now = this._d.scheduler.now();
        for (const u of batch) f.apply(s, u, now, this._fx);
      }
      if (s.stagedSeq === s.durableSeq && this._queue.length === 0) break;
      if ((await this._flush()) !== null) return;
      const replay = this._feed?.replay;
      if (replay && replay.state === 'paused' && this._queue.length < QUEUE_LOW) replay.resume();
      this._durable();
    }
    this._scheduleDue();
    this._durable();
  }

  /** Events the engine emitted (staged): rows for the panes, and the strategy's fills. */
  private _engineEvents(events: readonly EngineEvent[]): void {
    this._rows.add(events);
    this._strategy.host?.onEngineEvents(events);
  }

  private _onReplayEnd(): void {
    this._feed?.ended(this._fx);
    this._changed();
  }

  private _tick(): void {
    this._tickTimer = null;
    const f = this._feed;
    if (f !== null && f.replay === null) f.closeUntil(this._d.scheduler.now(), this._fx);
    this._changed();
    this._tickTimer = this._d.scheduler.setTimer(() => this._tick(), TICK_MS);
  }

  /** Reports fall due `latencyMs` after their cause (replay: in market time): a timer polls then. */
  private _scheduleDue(): void {
    const s = this._session;
    const clock = this._clock;
    if (this._dueTimer !== null) this._d.scheduler.clearTimer(this._dueTimer);
    this._dueTimer = null;
    if (s === null || clock === null) return;
    const due = s.nextDueTs();
    if (due === null) return;
    const speed = this._feed?.replay?.speed ?? 1;
    const wait = Number.isFinite(speed) ? Math.max(0, (due - clock.now()) / speed) : 0;
    this._dueTimer = this._d.scheduler.setTimer(() => {
      this._dueTimer = null;
      if (this._session !== s) return;
      clock.advanceTo(due);
      const events = s.engine.poll();
      s.stage(events);
      this._engineEvents(events);
      this._kick();
    }, wait);
  }

  /** Resolves true once no order of `ids` is open and that is durable; false if the session goes. */
  private _ended(s: PaperSession, ids: readonly ClientOrderId[]): Promise<boolean> {
    const holds = () => ids.every((id) => !s.state.openOrders.has(id));
    if (holds() && s.durableSeq === s.stagedSeq) return Promise.resolve(true);
    if (this._session !== s) return Promise.resolve(false);
    return new Promise((done) => {
      this._waiters.push({ holds, done });
      this._kick();
    });
  }

  /** Everything applied may be durable now: releases waiters, schedules a view. */
  private _durable(): void {
    const s = this._session;
    if (s !== null && s.durableSeq === s.stagedSeq && this._waiters.length > 0) {
      const waiting: Waiter[] = [];
      for (const w of this._waiters) {
        if (w.holds()) w.done(true);
        else waiting.push(w);
      }
      this._waiters = waiting;
    }
    this._changed();
  }

  // ---- strategy ----------------------------------------------------------------------------------

  /**
   * Attaches `spec`, replacing the running strategy (whose orders are cancelled). A spec that
   * does not resolve leaves the running one alone when `keepOnError` (a command), and is shown
   * with its failure otherwise (re-attached after a reload). Returns why it failed.
   */
  private async _attach(spec: PaperStrategySpec, keepOnError: boolean): Promise<string | null> {
    const resolved = await resolvePaperStrategy(spec, this._d.lookupStrategy);
    if (!resolved.ok && keepOnError) return resolved.error;
    this._detach(true);
    if (!resolved.ok) {
      this._strategy.failed(spec, resolved.error);
      return resolved.error;
    }
    const s = this._session;
    const f = this._feed;
    const clock = this._clock;
    if (s === null || f === null || clock === null) {
      this._strategy.failed(spec, 'no feed to run on');
      return 'no feed to run on';
    }
    this._strategy.start(spec, resolved.value, {
      session: s,
      symbol: f.symbol,
      interval: f.bars.interval,
      intervalMs: f.bars.intervalMs,
      now: () => clock.now(),
      emitted: (events) => {
        this._rows.add(events);
        this._kick();
      },
    });
    this._rows.note(
      clock.now(),
      'strategy',
      `${resolved.value.label} attached on ${f.symbol} ${f.bars.interval}`,
    );
    this._kick();
    return null;
  }

  /** Stops the strategy's host; with `cancel`, its working orders are cancelled (staged). */
  private _detach(cancel: boolean): void {
    if (!this._strategy.stop(cancel) || !cancel) return;
    this._rows.note(this._clock?.now() ?? this._d.scheduler.now(), 'strategy', 'strategy detached');
    this._kick();
  }

  // ---- plumbing ----------------------------------------------------------------------------------

  /** Runs control operations one at a time. */
  private _serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this._control.then(op, op);
    this._control = run.catch(() => undefined);
    return run;
  }

  /** The session when commands can run, else why not. */
  private _usable(): PaperSession | string {
    if (this._closed) return 'the paper session is closed';
    if (this._status === 'error') return `the paper session stopped: ${this._error ?? 'error'}`;
    return this._session ?? 'the paper session is starting';
  }

  /** Runs a command once its events are durable; a store failure stops the session. */
  private async _command(s: PaperSession, cmd: EngineCommand): Promise<EngineEvent[] | string> {
    try {
      const events = await s.command(cmd);
      this._engineEvents(events);
      this._scheduleDue();
      this._durable();
      return events;
    } catch (e) {
      const why = `not journaled: ${messageOf(e)}`;
      if (this._session === s) this._stopOnFailure(why);
      return why;
    }
  }

  /** Flushes the session; returns why it failed (the session is stopped then). */
  private async _flush(): Promise<string | null> {
    const s = this._session;
    if (s === null) return null;
    try {
      await s.flush();
      return null;
    } catch (e) {
      const why = `the WAL failed: ${messageOf(e)}`;
      if (this._session === s) this._stopOnFailure(why);
      return why;
    }
  }

  private _stopOnFailure(why: string): void {
    this._status = 'error';
    this._error = why;
    this._feed?.stop();
    this._feed = null;
    this._queue = [];
    for (const w of this._waiters.splice(0)) w.done(false);
    this._changed();
  }

  /** Something the view shows changed: publish soon (throttled). */
  private _changed(): void {
    if (this._viewTimer !== null || this._closed) return;
    const wait = Math.max(0, this._lastViewAt + this._o.viewEveryMs - this._d.scheduler.now());
    this._viewTimer = this._d.scheduler.setTimer(() => {
      this._viewTimer = null;
      this._publish();
    }, wait);
  }

  /** Publishes the view if everything applied is durable (else the next flush calls again). */
  private _publish(): void {
    const s = this._session;
    if (s !== null && s.durableSeq !== s.stagedSeq) return;
    this._lastViewAt = this._d.scheduler.now();
    this._d.onView(this.view());
  }
}
