// The paper trading session as the engine worker runs it: one `PaperSession` (the account, its
// WAL), the feed, a hosted strategy, the timers, and the `PaperView` it publishes. Platform parts
// (the WAL store, the settings store, timers, the live feed, datasets, editor strategies) are
// injected, so the same code runs in the worker and, over fake-indexeddb and virtual time, in tests.
import type { EngineConfig } from '../../../engine-core/src/engine';
import { KNOWN_INSTRUMENTS } from '../../../engine-core/src/instruments';
import { PaperSession, StrategyHost } from '../../../engine-core/src/live';
import type { CandleBar, Candles, Scheduler, TimerHandle } from '../../../engine-core/src/market';
import {
  asset,
  type EngineEvent,
  type Instrument,
  type OrderState,
  type SymbolId,
  symbolId,
} from '../../../engine-core/src/model';
import { DEFAULT_RISK_LIMITS, type RiskLimits } from '../../../engine-core/src/risk';
import { formatStrategyFailure } from '../../../engine-core/src/strategy/strategy-failure';
import type { MarketFeed, MarketUpdate } from '../../../engine-core/src/venue';
import type { WalContents, WalRecord, WalStore } from '../../../engine-core/src/wal';
import { CandleWindow, MAX_CANDLES } from './candle-window';
import type {
  PaperCommands,
  PaperFeedSpec,
  PaperFill,
  PaperLogLine,
  PaperResult,
  PaperStrategySpec,
  PaperView,
  TicketOrder,
} from './paper-api';
import { barsBefore, PaperClock, RunningFeed, replayResumePoint } from './paper-feed';
import { fillRow, MAX_FILLS, pushCapped, recoveredFills } from './paper-fills';
import { logLines, MAX_LOG_LINES } from './paper-log';
import { nextTicketNumber, ticketId, ticketRequest } from './paper-orders';
import type { PaperSettings } from './paper-settings';
import { resolvePaperStrategy, type StrategySourceLookup } from './paper-strategy';
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

/** Binance's spot fees without discounts, generous risk limits, a live BTCUSDT feed. */
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
}

/** A store that keeps what it last loaded: the records after the snapshot rebuild the fills. */
class TappedStore implements WalStore {
  loaded: WalContents | null = null;
  constructor(readonly inner: WalStore) {}
  append(records: readonly WalRecord[]): Promise<void> {
    return this.inner.append(records);
  }
  async load(): Promise<WalContents> {
    this.loaded = await this.inner.load();
    return this.loaded;
  }
  compact(snapshot: Parameters<WalStore['compact']>[0]): Promise<void> {
    return this.inner.compact(snapshot);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

interface Hosted {
  readonly spec: PaperStrategySpec;
  readonly host: StrategyHost | null;
  /** Why it does not run (resolution failed, or it threw). */
  failure: string | null;
}

/** Queued replay updates above which the replay pauses until the WAL catches up. */
const QUEUE_HIGH = 50_000;
const QUEUE_LOW = 5_000;
/** Live: bars close and the quality strip refreshes this often without data, ms. */
const TICK_MS = 1_000;

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const fail = (error: string): PaperResult => ({ ok: false, error });

/**
 * One paper account, run. Every state event goes through the WAL before anything it caused is
 * acknowledged or shown: commands resolve once durable, market updates are applied in batches
 * that share one WAL write, and a view is published only when everything applied is durable.
 * Control commands (feed, strategy, reset) run one at a time; orders wait for the one running.
 */
export class PaperRuntime implements PaperCommands {
  private readonly _o: PaperRuntimeConfig;
  private readonly _d: PaperRuntimeDeps;
  private _store: TappedStore | null = null;
  private _session: PaperSession | null = null;
  private _clock: PaperClock | null = null;
  private _feed: RunningFeed | null = null;
  private _feedStatus: PaperView['feedStatus'] = 'idle';
  private _feedMessage = '';
  private _hosted: Hosted | null = null;
  private _status: PaperView['status'] = 'starting';
  private _error: string | null = null;
  private _cash: number;
  private _nextTicket = 1;
  private _lastPrice: number | null = null;
  private readonly _candles = new CandleWindow();
  private _fills: PaperFill[] = [];
  private _log: PaperLogLine[] = [];
  private _queue: MarketUpdate[] = [];
  private _pumping: Promise<void> | null = null;
  private _control: Promise<unknown> = Promise.resolve();
  private _dueTimer: TimerHandle | null = null;
  private _tickTimer: TimerHandle | null = null;
  private _viewTimer: TimerHandle | null = null;
  private _lastViewAt = Number.NEGATIVE_INFINITY;
  private _closed = false;

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
        this._feedMessage = `${feed.source === 'replay' ? `replay of ${feed.datasetId}` : feed.symbol}: ${why}`;
      }
      if (settings.strategy !== null && this._session !== null) {
        await this._attach(settings.strategy, false);
      }
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
    const events = await this._command(s, () =>
      s.command({ type: 'submit_order', request: req.value }),
    );
    if (typeof events === 'string') return fail(events);
    for (const e of events) {
      if (e.type === 'order_denied') return fail(e.reason);
      if (e.type === 'duplicate_order_rejected') return fail(e.reason);
      if (e.type === 'command_failed') return fail(e.message);
    }
    return { ok: true, clientOrderId: id };
  }

  async cancel(clientOrderId: string): Promise<PaperResult> {
    await this._control;
    const s = this._usable();
    if (typeof s === 'string') return fail(s);
    const events = await this._command(s, () =>
      s.command({ type: 'cancel_order', clientOrderId: clientOrderId as never }),
    );
    if (typeof events === 'string') return fail(events);
    for (const e of events) {
      if (e.type === 'cancel_rejected') return fail(e.reason);
      if (e.type === 'cancel_ignored')
        return fail(`${clientOrderId} is already ${e.order.status.toLowerCase()}`);
      if (e.type === 'command_failed') return fail(e.message);
    }
    return { ok: true, clientOrderId };
  }

  async cancelAll(): Promise<PaperResult> {
    await this._control;
    const s = this._usable();
    if (typeof s === 'string') return fail(s);
    for (const id of [...s.state.openOrders]) {
      const events = await this._command(s, () =>
        s.command({ type: 'cancel_order', clientOrderId: id }),
      );
      if (typeof events === 'string') return fail(events);
    }
    return { ok: true, clientOrderId: null };
  }

  setFeed(feed: PaperFeedSpec): Promise<PaperResult> {
    return this._serial(async () => {
      const s = this._usable();
      if (typeof s === 'string') return fail(s);
      const symbol = this._instrument(feed.symbol);
      if (symbol === null) return fail(`unknown instrument "${feed.symbol}"`);
      const cur = this._feed;
      if (
        cur?.replay &&
        feed.source === 'replay' &&
        cur.spec.source === 'replay' &&
        cur.spec.datasetId === feed.datasetId &&
        cur.symbol === symbol.symbol &&
        cur.replay.state !== 'ended'
      ) {
        // Same replay, another speed: it goes on from where it is.
        if (!(feed.speed > 0)) return fail('speed: must be > 0');
        await this._d.settings.saveFeed(feed);
        cur.setSpeed(feed);
        this._feedMessage = `replay of ${feed.datasetId} at ${feed.speed}×`;
        this._scheduleDue();
        this._changed();
        return { ok: true, clientOrderId: null };
      }
      const r = await this._open(feed, false);
      if (r !== null) return fail(r);
      await this._d.settings.saveFeed(feed);
      this._changed();
      return { ok: true, clientOrderId: null };
    });
  }

  attachStrategy(spec: PaperStrategySpec): Promise<PaperResult> {
    return this._serial(async () => {
      const s = this._usable();
      if (typeof s === 'string') return fail(s);
      const r = await this._attach(spec, true);
      if (r !== null) return fail(r);
      await this._d.settings.saveStrategy(spec);
      await this._flush();
      this._changed();
      return { ok: true, clientOrderId: null };
    });
  }

  detachStrategy(): Promise<PaperResult> {
    return this._serial(async () => {
      this._detach(true);
      await this._d.settings.saveStrategy(null);
      const r = await this._flush();
      this._changed();
      return r === null ? { ok: true, clientOrderId: null } : fail(r);
    });
  }

  resetAccount(cash: number): Promise<PaperResult> {
    return this._serial(async () => {
      if (!(Number.isFinite(cash) && cash > 0)) return fail('cash: must be a number > 0');
      const feed = this._feed?.spec ?? this._o.defaultFeed;
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
      this._fills = [];
      this._log = [];
      this._status = 'starting';
      this._error = null;
      const r = await this._open(feed, false);
      this._changed();
      return r === null ? { ok: true, clientOrderId: null } : fail(r);
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
    };
  }

  /**
   * Resolves once nothing is in flight: no control command, no queued update, everything
   * applied durable (tests, the crash test's hook).
   */
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
    const h = this._hosted;
    return {
      status: this._status,
      error: this._error,
      role: 'leader',
      feed: f?.spec ?? null,
      feedStatus: this._feedStatus,
      feedMessage: this._feedMessage,
      quality: f ? f.quality.snapshot(this._d.scheduler.now(), book ?? null) : null,
      book: bookLevels(book),
      lastPrice: this._lastPrice,
      candles: this._candles.view(f ? f.forming() : null),
      ...account,
      fills: this._fills.slice(),
      log: this._log.slice(),
      strategy:
        h === null
          ? null
          : {
              spec: h.spec,
              running: h.host?.running ?? false,
              failure:
                h.failure ?? (h.host?.failure ? formatStrategyFailure(h.host.failure) : null),
            },
      durableSeq: s?.durableSeq ?? 0,
      candleInterval: f?.bars.interval ?? '1m',
      replay: f ? f.progress() : null,
    };
  }

  // ---- session and feed ------------------------------------------------------------------------

  /**
   * (Re)opens the session for `feed`: stops the running feed, recovers the account from the WAL
   * with a clock for the new feed (wall time live; the replay's time, resumed after the
   * account's last event when `resume` and it falls within the dataset), and starts the feed.
   * A strategy attached before is attached again to the new session. Returns why it failed.
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
    const hostedSpec = this._hosted?.spec ?? null;
    const first = this._session === null;
    await this._shut();
    this._store ??= new TappedStore(this._d.openStore());
    const clock = new PaperClock(() => this._d.scheduler.now());
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
    const s = opened.value;
    this._session = s;
    this._clock = clock;
    this._status = 'running';
    this._error = null;
    this._nextTicket = nextTicketNumber(s.state);
    if (first || this._fills.length === 0) this._recoverRows(s);
    this._candles.clear();
    this._lastPrice = inst === null ? null : (s.state.marks.get(inst.symbol) ?? null);
    this._tickTimer = this._d.scheduler.setTimer(() => this._tick(), TICK_MS);
    if (feed === null || inst === null) {
      this._changed();
      return null;
    }
    const sink = {
      onUpdate: (u: MarketUpdate) => this._onUpdate(u),
      onEnd: () => this._onReplayEnd(),
    };
    if (feed.source === 'replay' && candles !== null) {
      const after = resume ? replayResumePoint(candles, s.state.lastTs) : undefined;
      const start = after ?? (candles.time[0] as number);
      clock.follow(start);
      this._candles.push(barsBefore(candles, start, MAX_CANDLES - 1));
      this._feed = RunningFeed.replay(
        feed,
        inst.symbol,
        candles,
        inst.tickSize,
        after,
        this._d.scheduler,
        sink,
      );
      this._feedStatus = 'connected';
      this._feedMessage = `replay of ${feed.datasetId} at ${feed.speed}×${after === undefined ? '' : ' (resumed)'}`;
    } else {
      this._feedStatus = 'idle';
      this._feedMessage = 'connecting';
      this._feed = RunningFeed.live(feed, inst.symbol, this._d.liveFeed(inst.symbol), sink);
    }
    if (hostedSpec !== null) await this._attach(hostedSpec, false);
    this._scheduleDue();
    this._changed();
    return null;
  }

  /** Stops the feed, timers and strategy host, and waits until everything applied is durable. */
  private async _shut(): Promise<void> {
    this._feed?.stop();
    this._feed = null;
    this._feedStatus = 'idle';
    this._feedMessage = '';
    if (this._tickTimer !== null) this._d.scheduler.clearTimer(this._tickTimer);
    if (this._dueTimer !== null) this._d.scheduler.clearTimer(this._dueTimer);
    this._tickTimer = null;
    this._dueTimer = null;
    this._queue = [];
    // The host stops; its spec stays, to be attached again to the next session.
    const hosted = this._hosted;
    this._hosted = hosted === null ? null : { spec: hosted.spec, host: null, failure: null };
    await this._flush();
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

  /** Fills and log rebuilt from the recovered state and the WAL's tail. */
  private _recoverRows(s: PaperSession): void {
    const loaded = this._store?.loaded ?? null;
    const tail = loaded?.records ?? [];
    this._fills = recoveredFills(s.state, tail, MAX_FILLS);
    this._log = logLines(tail.map((r) => r.event)).slice(-(MAX_LOG_LINES - 1));
    const orders = s.state.orders.size;
    this._log.push({
      ts: this._d.scheduler.now(),
      kind: 'session',
      text:
        s.durableSeq === 0
          ? 'new paper account'
          : `account recovered: ${orders} order${orders === 1 ? '' : 's'}, ${s.state.openOrders.size} open, WAL at seq ${s.durableSeq}${loaded?.snapshot ? ` (snapshot at ${loaded.snapshot.seq})` : ''}`,
    });
  }

  // ---- market updates --------------------------------------------------------------------------

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

  private async _pump(): Promise<void> {
    for (;;) {
      const s = this._session;
      const f = this._feed;
      if (s === null) return;
      if (this._queue.length > 0 && f !== null) {
        const batch = this._queue;
        this._queue = [];
        for (const u of batch) this._apply(s, f, u);
      }
      if (s.stagedSeq === s.durableSeq && this._queue.length === 0) break;
      const r = await this._flush();
      if (r !== null) return;
      const replay = this._feed?.replay;
      if (replay && replay.state === 'paused' && this._queue.length < QUEUE_LOW) replay.resume();
      this._changed();
    }
    this._scheduleDue();
    this._changed();
  }

  /** One update: the session (staged), the bars, the strategy, the quality figures. */
  private _apply(s: PaperSession, f: RunningFeed, u: MarketUpdate): void {
    f.quality.observe(u, this._d.scheduler.now());
    const host = this._hosted?.host ?? null;
    switch (u.kind) {
      case 'status':
        this._feedStatus = u.status;
        this._feedMessage = u.message;
        return;
      case 'kline':
        return;
      case 'trade': {
        this._lastPrice = u.price;
        this._engineEvents(s.applyMarket(u));
        const closed = f.bars.onUpdate(u);
        if (host !== null) host.pushTrade({ time: u.ts, price: u.price, qty: u.qty, side: u.side });
        this._bars(closed.map((k) => k.bar));
        return;
      }
      case 'depth': {
        if (this._feedStatus === 'idle') this._feedStatus = 'connected';
        this._engineEvents(s.applyMarket(u));
        const book = s.book(u.symbol);
        if (host !== null && book !== undefined) host.pushBook({ time: u.ts, ...book.top(10) });
        return;
      }
      case 'book_ticker':
        this._engineEvents(s.applyMarket(u));
        return;
    }
  }

  private _bars(closed: readonly CandleBar[]): void {
    if (closed.length === 0) return;
    this._candles.push(closed);
    const host = this._hosted?.host ?? null;
    if (host !== null) for (const b of closed) host.pushBar(b);
  }

  /** Events the engine emitted (staged): rows for the panes, and the strategy's fills. */
  private _engineEvents(events: readonly EngineEvent[]): void {
    if (events.length === 0) return;
    const fills: PaperFill[] = [];
    for (const e of events) {
      const f = fillRow(e);
      if (f !== null) fills.push(f);
    }
    if (fills.length > 0) pushCapped(this._fills, fills, MAX_FILLS);
    const lines = logLines(events);
    if (lines.length > 0) pushCapped(this._log, lines, MAX_LOG_LINES);
    this._hosted?.host?.onEngineEvents(events);
  }

  private _onReplayEnd(): void {
    const f = this._feed;
    if (f === null) return;
    const c = f.candles;
    if (c !== null && c.length > 0) {
      const end = (c.time[c.length - 1] as number) + c.intervalMs;
      this._queueBars(f, end);
    }
    this._feedMessage = 'replay ended';
    this._changed();
  }

  /** Bars that closed by `now` without a later trade (live: each second; a replay's last). */
  private _queueBars(f: RunningFeed, now: number): void {
    const closed = f.bars.closeUntil(now);
    if (closed.length > 0) {
      this._bars(closed.map((k) => k.bar));
      this._kick();
    }
  }

  private _tick(): void {
    this._tickTimer = null;
    const f = this._feed;
    if (f === null) return;
    if (f.replay === null) this._queueBars(f, this._d.scheduler.now());
    this._changed();
    this._tickTimer = this._d.scheduler.setTimer(() => this._tick(), TICK_MS);
  }

  /** Reports fall due `latencyMs` after their cause: a timer polls the engine then. */
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

  // ---- strategy ----------------------------------------------------------------------------------

  /**
   * Attaches `spec`, replacing the running strategy (whose orders are cancelled). A spec that
   * does not resolve leaves the running one alone when `keepOnError` (a command), and is shown
   * with its failure otherwise (re-attached after a reload).
   */
  private async _attach(spec: PaperStrategySpec, keepOnError: boolean): Promise<string | null> {
    const resolved = await resolvePaperStrategy(spec, this._d.lookupStrategy);
    const s = this._session;
    const f = this._feed;
    const clock = this._clock;
    if (!resolved.ok) {
      if (keepOnError) return resolved.error;
      this._detach(true);
      this._hosted = { spec, host: null, failure: resolved.error };
      return resolved.error;
    }
    this._detach(true);
    if (s === null || f === null || clock === null) {
      this._hosted = { spec, host: null, failure: 'no feed to run on' };
      return 'no feed to run on';
    }
    const r = resolved.value;
    const host = new StrategyHost({
      engine: s.engine,
      symbol: f.symbol,
      strategy: r.strategy,
      params: r.params,
      interval: f.bars.interval,
      intervalMs: f.bars.intervalMs,
      now: () => clock.now(),
      emit: (events) => {
        s.stage(events);
        this._rows(events);
        this._kick();
      },
      sourceFile: r.sourceFile,
      lineOffset: r.lineOffset,
    });
    this._hosted = { spec, host, failure: null };
    host.start();
    pushCapped(
      this._log,
      [
        {
          ts: clock.now(),
          kind: 'strategy',
          text: `strategy ${r.label} attached on ${f.symbol} ${f.bars.interval}`,
        },
      ],
      MAX_LOG_LINES,
    );
    this._kick();
    return null;
  }

  /** Rows for events the strategy's own commands caused (it has seen them already). */
  private _rows(events: readonly EngineEvent[]): void {
    const fills: PaperFill[] = [];
    for (const e of events) {
      const f = fillRow(e);
      if (f !== null) fills.push(f);
    }
    if (fills.length > 0) pushCapped(this._fills, fills, MAX_FILLS);
    const lines = logLines(events);
    if (lines.length > 0) pushCapped(this._log, lines, MAX_LOG_LINES);
  }

  /** Stops the strategy; with `cancel`, its working orders are cancelled (staged). */
  private _detach(cancel: boolean): void {
    const h = this._hosted;
    this._hosted = null;
    if (h?.host == null) return;
    if (cancel) h.host.cancelAll();
    pushCapped(
      this._log,
      [
        {
          ts: this._clock?.now() ?? this._d.scheduler.now(),
          kind: 'strategy',
          text: 'strategy detached',
        },
      ],
      MAX_LOG_LINES,
    );
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

  /** Runs a command; its events become rows and reach the strategy; a store failure stops all. */
  private async _command(
    s: PaperSession,
    run: () => Promise<EngineEvent[]>,
  ): Promise<EngineEvent[] | string> {
    try {
      const events = await run();
      this._engineEvents(events);
      this._scheduleDue();
      this._changed();
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
