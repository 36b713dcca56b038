// The paper trading session as the engine worker runs it: one `PaperSession` (the account, its
// WAL), the feed, a hosted strategy, the timers, and the `PaperView` it publishes. Platform parts
// (the WAL store, the settings store, timers, the live feed, datasets, editor strategies) are
// injected, so the same code runs in the worker and, over fake-indexeddb and virtual time, in tests.
import type { EngineConfig } from '../../../engine-core/src/engine';
import {
  MemoryParentJournalStore,
  ParentJournal,
  type ParentJournalStore,
} from '../../../engine-core/src/exec';
import { KNOWN_INSTRUMENTS } from '../../../engine-core/src/instruments';
import { PaperSession } from '../../../engine-core/src/live';
import type { Candles } from '../../../engine-core/src/market';
import {
  asset,
  type ClientOrderId,
  type Instrument,
  symbolId,
} from '../../../engine-core/src/model';
import { AlgoSlot, barsAsCandles } from './paper-algo-slot';
import type {
  AlgoAction,
  PaperCommands,
  PaperFeedSpec,
  PaperResult,
  PaperStrategySpec,
  PaperView,
  TicketAlgo,
  TicketOrder,
} from './paper-api';
import { type MarketEffects, PaperClock, RunningFeed, replayResumePoint } from './paper-feed';
import { nextTicketNumber, ticketId, ticketRequest } from './paper-orders';
import { PaperRows } from './paper-rows';
import type { PaperInspection, PaperRuntimeConfig, PaperRuntimeDeps } from './paper-runtime-config';
import type { PaperSettings } from './paper-settings';
import { resolvePaperStrategy } from './paper-strategy';
import { StrategySlot } from './paper-strategy-slot';
import { accountView, bookLevels, riskView } from './paper-view';
import { SessionRun } from './session-run';
import { TappedStore } from './tapped-store';
import { ViewThrottle } from './view-throttle';

const STRATEGY_PREFIX = 'st-';

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const fail = (error: string): PaperResult => ({ ok: false, error });
const OK: PaperResult = { ok: true, clientOrderId: null };

/**
 * One paper account, run. Every state event goes through the WAL before anything it caused is
 * acknowledged or shown: commands resolve once durable (a cancel once the order's end is),
 * market updates are applied in batches that share one WAL write (`SessionRun`), and a view is
 * published only when everything applied is durable. Control commands (feed, strategy, reset)
 * run one at a time; orders wait for the one running. A feed change reopens the session on the
 * same WAL with a clock for the new feed.
 */
export class PaperRuntime implements PaperCommands {
  private readonly _o: PaperRuntimeConfig;
  private readonly _d: PaperRuntimeDeps;
  private _store: TappedStore | null = null;
  private _algoStore: ParentJournalStore | null = null;
  /** Why algo orders are off (the parent journal did not read), or null. */
  private _algoError: string | null = null;
  private _run: SessionRun | null = null;
  /** Why there is no feed (its dataset is gone), shown as the feed message. */
  private _noFeed = '';
  private readonly _strategy = new StrategySlot();
  private readonly _rows = new PaperRows();
  private readonly _algos: AlgoSlot;
  private _status: PaperView['status'] = 'starting';
  private _error: string | null = null;
  private _cash: number;
  private _nextTicket = 1;
  private _control: Promise<unknown> = Promise.resolve();
  private readonly _views: ViewThrottle;
  private _closed = false;
  private _sessionOpenMs = 0;
  /** Effects of applied events and updates: rows, and the strategy's events, trades and bars. */
  private readonly _fx: MarketEffects = {
    engineEvents: (events) => {
      this._rows.add(events);
      this._strategy.host?.onEngineEvents(events);
      this._algos.onEngineEvents(events);
    },
    trade: (t) => {
      this._strategy.host?.pushTrade(t);
      this._algos.onTrade(t);
    },
    book: (b) => this._strategy.host?.pushBook(b),
    bars: (closed) => {
      const host = this._strategy.host;
      if (host !== null) for (const b of closed) host.pushBar(b);
      this._run?.staged();
    },
  };

  constructor(config: PaperRuntimeConfig, deps: PaperRuntimeDeps) {
    this._o = config;
    this._d = deps;
    this._cash = config.cash;
    this._algos = new AlgoSlot(deps.scheduler);
    this._views = new ViewThrottle(deps.scheduler, config.viewEveryMs, () => this._publish());
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
      if (settings.strategy !== null && this._run !== null)
        await this._attach(settings.strategy, false);
      this._changed();
    });
  }

  // ---- PaperCommands -------------------------------------------------------------------------

  async submit(order: TicketOrder): Promise<PaperResult> {
    await this._control;
    const run = this._usable();
    if (typeof run === 'string') return fail(run);
    const feed = run.feed;
    if (feed === null) return fail('no market: choose a feed first');
    const id = ticketId(this._nextTicket++);
    const req = ticketRequest(order, id, feed.symbol);
    if (!req.ok) return fail(req.error);
    const events = await run.command({ type: 'submit_order', request: req.value });
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
    const run = this._usable();
    if (typeof run === 'string') return fail(run);
    const id = clientOrderId as ClientOrderId;
    const events = await run.command({ type: 'cancel_order', clientOrderId: id });
    if (typeof events === 'string') return fail(events);
    for (const e of events) {
      if (e.type === 'cancel_rejected') return fail(e.reason);
      if (e.type === 'cancel_ignored')
        return fail(`${clientOrderId} is already ${e.order.status.toLowerCase()}`);
      if (e.type === 'command_failed') return fail(e.message);
    }
    if (!(await run.ended([id]))) return fail(`${clientOrderId}: the session was reopened`);
    const status = run.session.state.orders.get(id)?.status;
    return status === 'CANCELLED'
      ? { ok: true, clientOrderId }
      : fail(`${clientOrderId} was ${status?.toLowerCase()} before the cancel reached it`);
  }

  /** Cancels every open order; resolves once their ends are durable. */
  async cancelAll(): Promise<PaperResult> {
    await this._control;
    const run = this._usable();
    if (typeof run === 'string') return fail(run);
    const ids = [...run.session.state.openOrders];
    for (const id of ids) {
      const events = await run.command({ type: 'cancel_order', clientOrderId: id });
      if (typeof events === 'string') return fail(events);
    }
    return (await run.ended(ids)) ? OK : fail('the session was reopened');
  }

  /** Starts a parent order; resolves once what it sent at once is durable. */
  async submitAlgo(algo: TicketAlgo): Promise<PaperResult> {
    await this._control;
    const run = this._usable();
    if (typeof run === 'string') return fail(run);
    if (this._algoError !== null) return fail(`algo orders are off: ${this._algoError}`);
    const r = this._algos.submit(algo);
    if (!r.ok || r.clientOrderId === null) return r;
    // Write-ahead: the parent's record is durable before its first child is sent.
    try {
      await this._algos.flush();
    } catch (e) {
      this._algos.abandon(r.clientOrderId, `not journaled: ${messageOf(e)}`);
      this._changed();
      return fail(`${r.clientOrderId} could not be journaled: ${messageOf(e)}`);
    }
    this._algos.release(r.clientOrderId);
    const flushed = await run.flush();
    this._changed();
    return flushed === null ? r : fail(flushed);
  }

  async controlAlgo(parentId: string, action: AlgoAction): Promise<PaperResult> {
    await this._control;
    const run = this._usable();
    if (typeof run === 'string') return fail(run);
    // The WAL events staged before this action first (earlier parent records follow them)…
    const before = await run.flush();
    if (before !== null) return fail(before);
    const r = this._algos.control(parentId, action);
    // …then the parent's record, before the child cancels staged with it: a pause or cancel
    // that reached the WAL but not the journal would come back as a working parent.
    const journaled = await this._algos.flushJournal().then(
      () => null,
      (e: unknown) => `parent journal: ${messageOf(e)}`,
    );
    const flushed = await run.flush();
    this._changed();
    return journaled !== null ? fail(journaled) : flushed !== null ? fail(flushed) : r;
  }

  setFeed(feed: PaperFeedSpec): Promise<PaperResult> {
    return this._serial(async () => {
      const run = this._usable();
      if (typeof run === 'string') return fail(run);
      const inst = this._instrument(feed.symbol);
      if (inst === null) return fail(`unknown instrument "${feed.symbol}"`);
      const cur = run.feed;
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
        run.scheduleDue();
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
      const run = this._usable();
      if (typeof run === 'string') return fail(run);
      const r = await this._attach(spec, true);
      if (r !== null) return fail(r);
      await this._d.settings.saveStrategy(spec);
      const flushed = await run.flush();
      this._changed();
      return flushed === null ? OK : fail(flushed);
    });
  }

  /** Stops the strategy; resolves once its cancelled orders' ends are durable. */
  detachStrategy(): Promise<PaperResult> {
    return this._serial(async () => {
      const run = this._run;
      const open = run ? [...run.session.state.openOrders] : [];
      const mine = open.filter((id) => id.startsWith(STRATEGY_PREFIX));
      this._detach(true);
      this._strategy.clear();
      await this._d.settings.saveStrategy(null);
      const ended = run === null || (await run.ended(mine));
      this._changed();
      return ended ? OK : fail('the session was reopened');
    });
  }

  resetAccount(cash: number): Promise<PaperResult> {
    return this._serial(async () => {
      if (!(Number.isFinite(cash) && cash > 0)) return fail('cash: must be a number > 0');
      const feed = this._run?.feed?.spec ?? this._o.defaultFeed;
      this._detach(false);
      this._strategy.clear();
      await this._shut();
      try {
        await this._store?.close();
        this._store = null;
        await this._algoStore?.close();
        this._algoStore = null;
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
    const s = this._run?.session;
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
    await this._control;
    await this._run?.idle();
  }

  /** Stops everything and closes the stores; later commands fail. */
  close(): Promise<void> {
    return this._serial(async () => {
      this._detach(false);
      await this._shut();
      await this._store?.close();
      this._store = null;
      await this._algoStore?.close();
      this._algoStore = null;
      this._closed = true;
      this._status = 'stopped';
      this._views.stop();
    });
  }

  /** The view now (also published on every change, throttled). */
  view(): PaperView {
    const s = this._run?.session ?? null;
    const f = this._run?.feed ?? null;
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
      algos: this._algos.view(),
      risk: riskView(this._o.risk, s?.engine.state.risk ?? null),
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
    const recover = this._run === null && this._rows.fills.length === 0;
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
    const run = new SessionRun(s, clock, this._d.scheduler, {
      fx: this._fx,
      changed: () => this._changed(),
      failed: (why) => {
        this._status = 'error';
        this._error = why;
        this._changed();
      },
    });
    this._run = run;
    this._status = 'running';
    this._error = null;
    this._noFeed = '';
    this._nextTicket = nextTicketNumber(s.state);
    if (recover) this._rows.recover(s.state, this._store.loaded, s.durableSeq, clock.now());
    // The parents, rebuilt once the feed's clock is set (below): read before the feed starts.
    this._algoStore ??= this._d.openAlgoStore?.() ?? new MemoryParentJournalStore();
    const journal = await ParentJournal.open(this._algoStore);
    this._algoError = journal.ok ? null : journal.error;
    if (!journal.ok) this._rows.note(clock.now(), 'algo', `algo orders are off: ${journal.error}`);
    if (feed !== null && inst !== null) {
      let f: RunningFeed;
      if (feed.source === 'replay' && candles !== null) {
        const after = resume ? replayResumePoint(candles, s.state.lastTs) : undefined;
        clock.follow(after ?? (candles.time[0] as number));
        const sched = this._d.scheduler;
        f = RunningFeed.replay(feed, inst.symbol, candles, inst.tickSize, after, sched, run.sink);
      } else {
        f = RunningFeed.live(feed, inst.symbol, this._d.liveFeed(inst.symbol), run.sink);
      }
      f.lastPrice = s.state.marks.get(inst.symbol) ?? null;
      const feedNow = f;
      if (journal.ok) {
        this._algos.start(
          {
            session: s,
            symbol: inst.symbol,
            now: () => clock.now(),
            bars: () => barsAsCandles(inst.symbol, feedNow.bars.intervalMs, feedNow.chart()),
            replay: () => feedNow.replay !== null,
            emitted: (events) => {
              this._rows.add(events);
              run.staged();
            },
            failed: (why) => {
              this._rows.note(clock.now(), 'algo', why);
              this._changed();
            },
          },
          journal.value.journal,
          journal.value.parents,
        );
      }
      run.setFeed(f);
      const spec = this._strategy.spec;
      if (spec !== null) await this._attach(spec, false);
    }
    this._changed();
    return null;
  }

  /** Stops the running session (everything applied made durable) and drops it. */
  private async _shut(): Promise<void> {
    const run = this._run;
    this._run = null;
    const journal = this._algos.stop();
    await run?.stop();
    // After the WAL: what the parents staged last (an end, a checkpoint) follows its events.
    await journal?.flush().catch(() => {});
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
    const run = this._run;
    const f = run?.feed ?? null;
    if (run === null || f === null) {
      this._strategy.failed(spec, 'no feed to run on');
      return 'no feed to run on';
    }
    const clock = run.clock;
    this._strategy.start(spec, resolved.value, {
      session: run.session,
      symbol: f.symbol,
      interval: f.bars.interval,
      intervalMs: f.bars.intervalMs,
      now: () => clock.now(),
      emitted: (events) => {
        this._rows.add(events);
        run.staged();
      },
    });
    const what = `${resolved.value.label} attached on ${f.symbol} ${f.bars.interval}`;
    this._rows.note(clock.now(), 'strategy', what);
    run.staged();
    return null;
  }

  /** Stops the strategy's host; with `cancel`, its working orders are cancelled (staged). */
  private _detach(cancel: boolean): void {
    if (!this._strategy.stop(cancel) || !cancel) return;
    const now = this._run?.clock.now() ?? this._d.scheduler.now();
    this._rows.note(now, 'strategy', 'strategy detached');
    this._run?.staged();
  }

  // ---- plumbing ----------------------------------------------------------------------------------

  /** Runs control operations one at a time. */
  private _serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this._control.then(op, op);
    this._control = run.catch(() => undefined);
    return run;
  }

  /** The running session when commands can run, else why not. */
  private _usable(): SessionRun | string {
    if (this._closed) return 'the paper session is closed';
    if (this._status === 'error') return `the paper session stopped: ${this._error ?? 'error'}`;
    return this._run ?? 'the paper session is starting';
  }

  /** Something the view shows changed: publish soon (throttled). */
  private _changed(): void {
    if (!this._closed) this._views.changed();
  }

  /** Publishes the view if everything applied is durable (else a later change tries again). */
  private _publish(): boolean {
    const s = this._run?.session;
    if (s !== undefined && s.durableSeq !== s.stagedSeq) return false;
    this._d.onView(this.view());
    return true;
  }
}
