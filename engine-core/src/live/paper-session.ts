import type { Clock } from '../clock';
import { Engine, type EngineConfig, type EngineState } from '../engine';
import { createState } from '../engine/engine-state';
import { OrderBook } from '../market/book';
import {
  type Asset,
  type EngineCommand,
  type EngineEvent,
  isStateEvent,
  type StateEvent,
  type SymbolId,
  timestampMs,
} from '../model';
import { err, ok, type Result } from '../util';
import type { MarketUpdate, TradeUpdate } from '../venue';
import { PaperVenue } from '../venue/paper';
import { openWal, type WalStore, type WalWriter } from '../wal';

/** Settings of a paper trading session. */
export interface PaperSessionOptions {
  readonly engine: EngineConfig;
  /** Order → venue and venue → report delay, ms. */
  readonly latencyMs: number;
  /** Credited when the journal is empty (a new paper account); ignored on recovery. */
  readonly deposits: readonly { readonly asset: Asset; readonly amount: number }[];
  readonly store: WalStore;
  /**
   * Wall time for a live feed; a `FeedClock` for a replay, which the session moves to each
   * update's timestamp so latency and order times follow the replayed market.
   */
  readonly clock: Clock;
  /** Records between WAL snapshots (default: the WAL writer's). */
  readonly compactEvery?: number;
  /**
   * Marks (`market_tick`, a journaled event) at most this often per symbol, ms (default 250).
   * Every trade still reaches the venue, so fills do not wait for a mark.
   */
  readonly markEveryMs?: number;
}

/** A clock that follows the replayed market: `advanceTo` never goes back. */
export interface FeedClock extends Clock {
  advanceTo(ts: number): void;
}

const hasAdvance = (c: Clock): c is FeedClock =>
  typeof (c as Partial<FeedClock>).advanceTo === 'function';

/**
 * Paper trading: the engine on a `PaperVenue` that fills against live books and trades, with
 * every state event journaled before anyone sees it. `command`, `market` and `poll` run the engine
 * synchronously, stage the state events they caused in the WAL, and resolve with all the events
 * once those are durable; a crash before that loses only what was never acknowledged. `open`
 * rebuilds the account from the journal (snapshot + records) and puts resting orders back.
 */
export class PaperSession {
  private readonly _lastMark = new Map<SymbolId, number>();
  private readonly _markEvery: number;

  private constructor(
    private readonly _engine: Engine,
    private readonly _venue: PaperVenue,
    private readonly _writer: WalWriter,
    private readonly _clock: Clock,
    markEveryMs: number,
    private readonly _books: Map<SymbolId, OrderBook>,
  ) {
    this._markEvery = markEveryMs;
  }

  /** Opens (or starts) the account journaled in `options.store`. */
  static async open(options: PaperSessionOptions): Promise<Result<PaperSession, string>> {
    const cfg = options.engine;
    const fresh = (): EngineState =>
      createState(cfg.accountAsset, cfg.instruments, cfg.risk.orderRateWindowMs);
    const wal = await openWal(
      options.store,
      fresh,
      options.compactEvery === undefined ? {} : { compactEvery: options.compactEvery },
    );
    if (!wal.ok) return err(wal.error);
    const books = new Map<SymbolId, OrderBook>();
    const venue = new PaperVenue({
      latencyMs: options.latencyMs,
      marketProtection: cfg.marketProtection,
      book: (s) => books.get(s),
    });
    const engine = new Engine(cfg, options.clock, venue, wal.value.state);
    const session = new PaperSession(
      engine,
      venue,
      wal.value.writer,
      options.clock,
      options.markEveryMs ?? 250,
      books,
    );
    if (wal.value.writer.lastSeq === 0) {
      const events: EngineEvent[] = [];
      for (const d of options.deposits) events.push(...engine.deposit(d.asset, d.amount));
      await session._journal(events);
    }
    return ok(session);
  }

  /** The engine's state (read only: balances, orders, positions, marks). */
  get state(): Readonly<EngineState> {
    return this._engine.state;
  }

  get engine(): Engine {
    return this._engine;
  }

  /** Seq of the last journaled record that is durable. */
  get durableSeq(): number {
    return this._writer.durableSeq;
  }

  /** The book the venue fills against, once the feed has sent one. */
  book(symbol: SymbolId): OrderBook | undefined {
    return this._books.get(symbol);
  }

  /** Runs a command (submit, cancel, query); resolves once its state events are durable. */
  command(cmd: EngineCommand): Promise<EngineEvent[]> {
    return this._journal(this._engine.handle(cmd));
  }

  /**
   * One market update. Depth changes the book the venue fills against; a trade fills resting
   * orders at or through its price, and marks the symbol (throttled); a book ticker marks it too
   * when no trade has. Resolves with what it caused, once durable.
   */
  market(u: MarketUpdate): Promise<EngineEvent[]> {
    return this._journal(this._marketEvents(u));
  }

  /**
   * `market` without the wait: runs the update and stages what it caused, so that many updates
   * share one WAL write. Nothing it caused may be shown or acknowledged before `flush()` resolves.
   */
  applyMarket(u: MarketUpdate): EngineEvent[] {
    return this._stage(this._marketEvents(u));
  }

  /**
   * Stages events that happened outside `command` (a hosted strategy's own orders) without
   * waiting; `record` is the same with the wait.
   */
  stage(events: readonly EngineEvent[]): void {
    this._stage([...events]);
  }

  /** Resolves once everything staged so far is durable (rejects after a store failure). */
  flush(): Promise<void> {
    return this._writer.flush();
  }

  /** Seq of the last staged record: everything up to it is durable once `durableSeq` equals it. */
  get stagedSeq(): number {
    return this._writer.lastSeq;
  }

  private _marketEvents(u: MarketUpdate): EngineEvent[] {
    if (hasAdvance(this._clock)) this._clock.advanceTo(u.ts);
    switch (u.kind) {
      case 'depth': {
        let book = this._books.get(u.symbol);
        if (book === undefined) {
          book = new OrderBook(u.symbol);
          this._books.set(u.symbol, book);
        }
        if (u.reset) book.clear();
        book.applyLevels(u.bids, u.asks);
        book.updateId = u.lastUpdateId;
        this._venue.onBook(u.symbol);
        return this._engine.poll();
      }
      case 'trade':
        return this._trade(u);
      case 'book_ticker': {
        const mid = (u.bidPrice + u.askPrice) / 2;
        if (this._engine.state.marks.has(u.symbol) || !(mid > 0)) return [];
        return this._mark(u.symbol, mid, u.ts);
      }
      default:
        return this._engine.poll();
    }
  }

  /** Reports that have fallen due (latency); call at `nextDueTs()`. */
  poll(): Promise<EngineEvent[]> {
    return this._journal(this._engine.poll());
  }

  nextDueTs(): number | null {
    return this._engine.nextDueTs();
  }

  /** Journals events that happened outside `command` (a hosted strategy's own orders). */
  record(events: readonly EngineEvent[]): Promise<EngineEvent[]> {
    return this._journal([...events]);
  }

  private _trade(t: TradeUpdate): EngineEvent[] {
    this._venue.onTrade(t);
    const last = this._lastMark.get(t.symbol);
    if (last === undefined || t.ts - last >= this._markEvery) {
      return this._mark(t.symbol, t.price, t.ts);
    }
    return this._engine.poll();
  }

  private _mark(symbol: SymbolId, price: number, ts: number): EngineEvent[] {
    this._lastMark.set(symbol, ts);
    return this._engine.handle({ type: 'market_tick', symbol, price, ts: timestampMs(ts) });
  }

  /** Stages the state events and snapshots when due; returns `events`. */
  private _stage(events: EngineEvent[]): EngineEvent[] {
    const state: StateEvent[] = [];
    for (const e of events) if (isStateEvent(e)) state.push(e);
    if (state.length > 0) {
      this._writer.stage(state);
      // Captures the state synchronously (it must match what is staged), then writes it.
      void this._writer.maybeCompact(this._engine.state).catch(() => {});
    }
    return events;
  }

  /** Stages the state events, snapshots when due, and resolves once they are durable. */
  private async _journal(events: EngineEvent[]): Promise<EngineEvent[]> {
    this._stage(events);
    await this._writer.flush();
    return events;
  }
}
