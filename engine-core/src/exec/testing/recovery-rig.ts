// A crash-and-recover rig: an engine on the paper venue with an ExecScheduler whose state events
// go to a WAL (kept as a list) and whose parent records go to a parent journal (lines), each with
// a durable prefix. `crash()` keeps only what is durable; `RecoveryRig.recover` rebuilds the
// engine from the WAL (`recoverState`) and the parents from the journal, as a reloaded page does.
import { VirtualClock } from '../../clock';
import { Engine, type EngineConfig } from '../../engine';
import { createState } from '../../engine/engine-state';
import { KNOWN_INSTRUMENTS } from '../../instruments';
import { OrderBook } from '../../market/book';
import {
  asset,
  type EngineEvent,
  isStateEvent,
  type StateEvent,
  type TimestampMs,
  timestampMs,
} from '../../model';
import { NO_RISK_LIMITS } from '../../risk';
import { PaperVenue, type TradeUpdate } from '../../venue';
import { recoverState } from '../../wal/recover';
import type { AlgoSpec } from '../algo-spec';
import { ExecScheduler } from '../exec-scheduler';
import { readParentJournal } from '../parent-journal';
import { encodeParentRecord, type ParentRecord } from '../parent-record';
import type { ExecEvent, ParentId } from '../parent-state';
import { BTC } from './rigs';

const CONFIG: EngineConfig = {
  accountAsset: asset('USDT'),
  instruments: KNOWN_INSTRUMENTS,
  fees: { makerBps: 0, takerBps: 10 },
  risk: NO_RISK_LIMITS,
  marketProtection: 0.05,
};

/** What survives a crash: the durable WAL events and parent-journal lines. */
export interface Durable {
  readonly wal: readonly StateEvent[];
  readonly lines: readonly string[];
}

/** A deep book our fills never deplete: asks 40 000 / 40 001, bids 39 990. */
function deepBook(): OrderBook {
  const book = new OrderBook(BTC);
  book.applyLevels([39_990, 1_000], [40_000, 0.05, 40_001, 1_000]);
  return book;
}

export class RecoveryRig {
  readonly clock: VirtualClock;
  readonly engine: Engine;
  readonly sched: ExecScheduler;
  readonly venue: PaperVenue;
  readonly exec: ExecEvent[] = [];
  /** Every state event staged, in order; the first `durableWal` are durable. */
  readonly wal: StateEvent[];
  durableWal: number;
  /** Every parent-journal line staged; the first `durableLines` are durable. */
  readonly lines: string[];
  durableLines: number;

  private constructor(now: number, latencyMs: number, from: Durable | null) {
    this.clock = new VirtualClock(now);
    const book = deepBook();
    this.venue = new PaperVenue({
      latencyMs,
      marketProtection: 0.05,
      book: (s) => (s === BTC ? book : undefined),
    });
    this.wal = [...(from?.wal ?? [])];
    this.durableWal = this.wal.length;
    this.lines = [...(from?.lines ?? [])];
    this.durableLines = this.lines.length;
    const fresh = () => createState(CONFIG.accountAsset, CONFIG.instruments, 60_000);
    const records = this.wal.map((event, i) => ({ seq: i + 1, event }));
    const recovered = recoverState({ snapshot: null, records }, fresh);
    if (!recovered.ok) throw new Error(recovered.error);
    this.engine = new Engine(
      CONFIG,
      this.clock,
      this.venue,
      from === null ? undefined : recovered.value.state,
    );
    this.sched = new ExecScheduler({
      engine: this.engine,
      emit: (ev) => this._journalEvents(ev),
      onExec: (e) => this.exec.push(e),
      journal: (r: ParentRecord) =>
        this.lines.push(encodeParentRecord({ n: this.lines.length + 1, record: r })),
      retryDelayMs: 1_000,
    });
  }

  /** A new account with cash and a mark, everything durable. */
  static fresh(now: number, latencyMs = 0): RecoveryRig {
    const r = new RecoveryRig(now, latencyMs, null);
    r.deliver(r.engine.deposit(asset('USDT'), 10_000_000));
    r.deliver(r.engine.deposit(asset('BTC'), 1_000));
    r.deliver(r.engine.handle({ type: 'market_tick', symbol: BTC, price: 40_000, ts: null }));
    r.flush();
    return r;
  }

  /** A reloaded page at `now`: the engine from the durable WAL, parents from the journal. */
  static recover(d: Durable, now: number, latencyMs = 0): RecoveryRig {
    const r = new RecoveryRig(now, latencyMs, d);
    const read = readParentJournal(d.lines);
    if (!read.ok) throw new Error(read.error);
    const restored = r.sched.restore(read.value.parents, now);
    if (!restored.ok) throw new Error(restored.error);
    return r;
  }

  /** What is durable now (the host's view after a crash). */
  crash(): Durable {
    return {
      wal: this.wal.slice(0, this.durableWal),
      lines: this.lines.slice(0, this.durableLines),
    };
  }

  /** WAL first, then the parent journal (a parent record never outlives the events it follows). */
  flush(): void {
    this.durableWal = this.wal.length;
    this.durableLines = this.lines.length;
  }

  /** Engine events from outside the scheduler (venue reports, ticks): journaled, then fed. */
  deliver(events: readonly EngineEvent[]): void {
    this._journalEvents(events);
    this.sched.onEngineEvents(events);
  }

  /** Submits a parent, makes its record durable, then releases it (the host's order of things). */
  submit(spec: AlgoSpec): ParentId {
    const r = this.sched.submit(spec, this.clock.now());
    if (!r.ok) throw new Error(r.error);
    this.flush();
    this.sched.release(r.value, this.clock.now());
    return r.value;
  }

  /** Time moves to `t`: the venue's due reports, then due wake-ups. */
  at(t: number): void {
    this.clock.advanceTo(t);
    this.deliver(this.engine.poll());
    this.sched.onTime(t);
  }

  /** A trade on the exchange at the clock's time (POV volume; fills resting limits). */
  trade(price: number, qty: number): void {
    const t: TradeUpdate = {
      kind: 'trade',
      symbol: BTC,
      price,
      qty,
      side: 'SELL',
      ts: this.clock.now() as TimestampMs,
    };
    this.venue.onTrade(t);
    this.deliver(
      this.engine.handle({ type: 'market_tick', symbol: BTC, price, ts: timestampMs(t.ts) }),
    );
    this.sched.onMarket(t);
  }

  /** Executed quantity of every child order of the engine, by client id. */
  childExecuted(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [id, o] of this.engine.state.orders)
      if (id.startsWith('algo-')) out.set(id, o.executedQty);
    return out;
  }

  private _journalEvents(events: readonly EngineEvent[]): void {
    for (const e of events) if (isStateEvent(e)) this.wal.push(e);
  }
}
