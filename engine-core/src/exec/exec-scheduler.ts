import type { ClientOrderId, EngineEvent } from '../model';
import { err, fmt, ok, type Result } from '../util';
import type { MarketUpdate } from '../venue';
import { type AlgoSpec, checkAlgoSpec } from './algo-spec';
import type { AlgoStep } from './algos/algo';
import { ChildBook } from './child-book';
import { ChildPricer } from './child-pricing';
import { sendableQty } from './child-sizing';
import type { ExecSchedulerOptions } from './exec-scheduler-options';
import { ParentBook } from './parent-book';
import type { ParentImage } from './parent-journal';
import { progressOf } from './parent-progress';
import { rebuildParents } from './parent-restore';
import {
  type ExecEvent,
  type FinalParentState,
  isFinalParentState,
  type ParentId,
  type ParentProgress,
  type ParentState,
  type ShortfallCause,
} from './parent-state';
import type { Child, Parent } from './scheduled-parent';
import { TimerHeap } from './timer-heap';

export type { ExecGateway, ExecSchedulerOptions } from './exec-scheduler-options';

const WORKING: ParentState = { kind: 'working' };
const PAUSED: ParentState = { kind: 'paused' };

/**
 * Runs parent orders (TWAP, VWAP, POV, iceberg): each child goes through `engine.handle`
 * (validation, risk, funds) like any order. Driven by the engine's clock and market: `onTime(now)`
 * fires due wake-ups from a timer heap (never a scan of all parents), `onMarket` feeds volume to
 * POV parents of that symbol, `onEngineEvents` takes the engine's events from elsewhere (venue
 * reports). Deterministic: the same calls give the same children.
 *
 * Passive children (`child: { type: 'limit' }`): priced off the touch when sent (`quote`, else
 * the last book ticker, else the mark); at their slice's end, or when chased, they are
 * cancelled and their rest sent again in the next decision (see `ChildOrder`).
 *
 * Refusals: a child denied by risk or filters, rejected by the venue, or ended by the venue with
 * no fill (expired, cancelled not by us) is a refusal; the parent retries `retryDelayMs` later,
 * and fails after `maxRefusals` in a row (any fill resets the count).
 *
 * Its parts: `ParentBook` (the parents), `ChildBook` (children, engine commands and events),
 * `ChildPricer` (the touch and child prices), `rebuildParents` (restore); this class decides.
 */
export class ExecScheduler {
  private readonly _book: ParentBook;
  private readonly _pricer: ChildPricer;
  private readonly _kids: ChildBook;
  private readonly _heap = new TimerHeap();
  private readonly _step: AlgoStep = { send: 0, next: null, finish: false, market: false };
  private readonly _prefix: string;
  private readonly _maxRefusals: number;
  private readonly _retryMs: number;
  private _nextParent = 1;
  /** Children submitted over the scheduler's life. */
  childrenSent = 0;

  constructor(private readonly _o: ExecSchedulerOptions) {
    this._prefix = _o.idPrefix ?? 'algo-';
    this._maxRefusals = _o.maxRefusals ?? 3;
    this._retryMs = Math.max(1, _o.retryDelayMs ?? 1000);
    this._book = new ParentBook(this._retryMs);
    this._pricer = new ChildPricer(_o);
    this._kids = new ChildBook(_o, this._pricer, {
      sent: (p, now) => {
        this.childrenSent++;
        this._progress(p, now);
      },
      ended: (id, c, ts, refusal) => this._childEnded(id, c, ts, refusal),
      progress: (p, ts) => this._progress(p, ts),
    });
  }

  /** Starts a parent; its first children go at the next `onTime(now)` that is due. */
  submit(spec: AlgoSpec, now: number): Result<ParentId, string> {
    const bad = checkAlgoSpec(spec);
    if (bad !== null) return err(`${spec.algo}: ${bad}`);
    const inst = this._o.engine.state.instruments.get(spec.symbol);
    if (inst === undefined) return err(`${spec.algo}: unknown symbol ${spec.symbol}`);
    if (spec.algo === 'iceberg') {
      const least = spec.visibleQty * (1 - (spec.sizeVariance ?? 0));
      if (sendableQty(least, inst, spec.price) === 0)
        return err(
          `iceberg: visible size ${fmt(least)} is under ${spec.symbol}'s lot or min notional`,
        );
    }
    if (spec.algo !== 'iceberg' && spec.child?.type === 'limit' && spec.child.offsetBps < 0) {
      // Leaning in by less than a tick rounds back to the touch (passive rounding): say so.
      const touch = this._pricer.touchOf(spec.symbol, spec.side);
      const by = (touch * -spec.child.offsetBps) / 10_000;
      if (by < inst.tickSize * (1 - 1e-9))
        return err(
          `${spec.algo}: child.offsetBps ${fmt(spec.child.offsetBps)} is ${fmt(by)} at ${fmt(touch)}, under ${spec.symbol}'s tick ${fmt(inst.tickSize)}: it would round back to the touch`,
        );
    }
    const id = `${this._prefix}${this._nextParent++}` as ParentId;
    const p = this._book.add(id, spec, inst, WORKING);
    p.held = this._o.journal !== undefined;
    this._o.journal?.({ type: 'parent_created', ts: now, parentId: id, spec });
    this._progress(p, now);
    // Only scheduled: the first children go at the next `onTime` at or after the first wake.
    this._schedule(p, p.algo.firstWake(now));
    return ok(id);
  }

  /** Lets a held parent send: its `parent_created` record is durable. Unknown ids are ignored. */
  release(id: ParentId, now: number): void {
    const p = this._book.get(id);
    if (p === undefined || !p.held) return;
    p.held = false;
    if (p.state.kind === 'working') this._schedule(p, p.algo.firstWake(now));
  }

  /**
   * Rebuilds the parents of a journal (`ParentJournal.open`) on a fresh scheduler whose engine
   * was recovered from the WAL. Progress comes from the children in the engine's orders:
   * filled, average price and fees exactly; a child still open is adopted as working (looked up,
   * never sent again; a passive one keeps the slice end of its submission time, so a slice that
   * ended while nothing ran rolls it at the first wake-up). Then: a working parent wakes at `algo.firstWake(now)` and goes on from
   * where its figures are: TWAP and VWAP rebuild their plan from the spec and catch up at once
   * with the slices that came due while nothing ran (as a resume does), then keep the slice
   * times left; past the window's end the rest goes in one last child and the parent finishes at
   * the next wake-up. POV starts from its last volume checkpoint (volume seen after it and before
   * the crash is not counted) and sends again on new volume; an iceberg shows its next
   * clip once no child works (its clip sizes draw again from the seed). A paused parent stays paused and an ended one keeps its journaled
   * state; their open children (a pause or end whose cancels were not yet durable) are cancelled.
   * Parent numbering continues after every parent id and child id already used.
   */
  restore(parents: readonly ParentImage[], now: number): Result<number, string> {
    const all = this._book.list;
    if (all.length > 0) return err('restore: the scheduler already has parents');
    const r = rebuildParents(parents, this._o.engine, this._prefix, this._book, this._kids);
    this.childrenSent += r.sent;
    this._nextParent = r.nextParent;
    for (const p of all) {
      if (p.state.kind === 'working') {
        const at = p.algo.restartWake(now);
        if (at !== null) this._schedule(p, at);
      } else {
        this._kids.cancelAll(p);
      }
      this._progress(p, now);
    }
    return ok(all.length);
  }

  /** Stops sending and cancels the working children; volume seen while paused is not counted. */
  pause(id: ParentId, now: number): Result<ParentState, string> {
    const p = this._book.get(id);
    if (p === undefined) return err(`unknown parent ${id}`);
    if (p.state.kind !== 'working') return err(`parent ${id} is ${p.state.kind}`);
    p.state = PAUSED;
    this._o.journal?.({ type: 'parent_paused', ts: now, parentId: id });
    this._unschedule(p);
    this._kids.cancelAll(p);
    this._progress(p, now);
    return ok(p.state);
  }

  /** Resumes a paused parent: it catches up with its schedule or target at once. */
  resume(id: ParentId, now: number): Result<ParentState, string> {
    const p = this._book.get(id);
    if (p === undefined) return err(`unknown parent ${id}`);
    if (p.state.kind !== 'paused') return err(`parent ${id} is ${p.state.kind}`);
    p.state = WORKING;
    p.refusals = 0;
    this._o.journal?.({ type: 'parent_resumed', ts: now, parentId: id });
    this._progress(p, now);
    this._wake(p, now);
    return ok(p.state);
  }

  /** Cancels a parent and its working children. */
  cancel(id: ParentId, now: number, reason: string | null = null): Result<ParentState, string> {
    const p = this._book.get(id);
    if (p === undefined) return err(`unknown parent ${id}`);
    if (isFinalParentState(p.state)) return err(`parent ${id} is already ${p.state.kind}`);
    this._end(p, now, { kind: 'cancelled', reason });
    return ok(p.state);
  }

  /** Fires every wake-up due at `now` (advance the engine's clock to `now` first). */
  onTime(now: number): void {
    const h = this._heap;
    while (h.size > 0 && (h.peekTime() as number) <= now) {
      const p = this._book.at(h.peekSlot());
      const token = h.peekToken();
      h.pop();
      if (token !== p.token) continue; // rescheduled or ended since
      p.wakeAt = Number.NaN;
      this._wake(p, now);
    }
  }

  /**
   * Market data: volume for POV parents (trades, and closed klines' bar volume); the book ticker
   * (the touch of passive children); any update of a symbol lets chasing parents re-price.
   */
  onMarket(u: MarketUpdate): void {
    if (u.kind === 'book_ticker') this._pricer.noteTicker(u.symbol, u.bidPrice, u.askPrice);
    if (u.kind !== 'status') {
      const chasers = this._book.chasersOf(u.symbol);
      if (chasers !== undefined) for (const p of [...chasers]) this._kids.roll(p, u.ts, true);
    }
    if (u.kind !== 'trade' && u.kind !== 'kline') return;
    const qty = u.kind === 'trade' ? u.qty : u.closed ? u.bar.volume : 0;
    if (!(qty > 0)) return;
    const list = this._book.volumeOf(u.symbol);
    if (list === undefined) return;
    for (const p of list) {
      if (p.state.kind !== 'working') continue;
      p.algo.observeVolume(qty);
      this._wake(p, u.ts);
    }
  }

  /** Engine events from elsewhere (venue reports, ticks): the children's fills and ends. */
  onEngineEvents(events: readonly EngineEvent[]): void {
    this._kids.take(events);
  }

  /** When the next wake-up is due, or null: a live host sets its timer to it. */
  nextWakeTs(): number | null {
    const h = this._heap;
    while (h.size > 0 && h.peekToken() !== this._book.at(h.peekSlot()).token) h.pop();
    return h.peekTime();
  }

  /** A parent's progress, or undefined for an unknown id. */
  progress(id: ParentId): ParentProgress | undefined {
    const p = this._book.get(id);
    return p === undefined ? undefined : progressOf(p);
  }

  /** Every parent's progress, oldest first. */
  all(): ParentProgress[] {
    return this._book.list.map(progressOf);
  }

  /** Parent of a child order, or undefined (an order that is not a working child). */
  parentOf(id: ClientOrderId): ParentId | undefined {
    return this._kids.parentOf(id);
  }

  // ---- decisions ---------------------------------------------------------------------------

  private _wake(p: Parent, now: number): void {
    if (p.state.kind !== 'working' || p.held) return;
    if (p.algo.passive !== null && p.childrenWorking > 0) {
      // Children whose slice is over (or that the touch left) are cancelled first; when the
      // venue confirms at once their rest is due again in this very decision.
      p.deciding = true;
      try {
        this._kids.roll(p, now, false);
      } finally {
        p.deciding = false;
      }
      if (p.state.kind !== 'working') return;
    }
    const step = this._step;
    p.algo.decide(now, p, step);
    if (step.finish) {
      const left = Math.max(0, p.qty - p.filled);
      const passiveEnd = p.algo.passive !== null && p.spec.algo !== 'pov';
      this._end(
        p,
        now,
        done(left, passiveEnd ? 'limit_unfilled' : 'window_ended', () =>
          passiveEnd
            ? `${p.spec.algo} limit children left ${fmt(left)} unfilled at the window's end (finishWithMarket off)`
            : `${p.spec.algo} window ended with ${fmt(left)} unfilled`,
        ),
      );
      return;
    }
    // Scheduled before sending: a refusal on submission may bring the wake-up earlier.
    if (step.next === null) this._unschedule(p);
    else this._schedule(p, step.next);
    if (step.send > 0) this._kids.send(p, step.send, now, step.market);
    this._settle(p, now);
  }

  /** Ends a working parent with nothing working when what is left can no longer be sent. */
  private _settle(p: Parent, now: number): void {
    if (p.state.kind !== 'working' || p.childrenWorking > 0) return;
    const left = p.qty - p.filled;
    if (left <= 1e-9 * p.qty) {
      this._end(p, now, { kind: 'done', unfilledQty: 0, reason: null });
      return;
    }
    const ref = this._pricer.refPrice(p, this._pricer.pricing(p, false));
    if (sendableQty(left, p.inst, ref) === 0) {
      const reason = `${fmt(left)} left is under ${p.spec.symbol}'s lot or min notional`;
      this._end(p, now, { kind: 'done', unfilledQty: left, reason, shortfall: 'under_lot' });
    }
  }

  private _end(p: Parent, now: number, state: FinalParentState): void {
    p.state = state;
    this._o.journal?.({ type: 'parent_ended', ts: now, parentId: p.id, state });
    this._unschedule(p);
    this._book.unlist(p);
    this._kids.cancelAll(p);
    this._progress(p, now);
  }

  /** A child is off the books: count a refusal, then decide again or settle. */
  private _childEnded(id: ClientOrderId, c: Child, ts: number, refusal: string | null): void {
    const p = c.parent;
    if (refusal !== null) this._refused(p, id, refusal, ts);
    const again = p.algo.refreshOnChildDone || (c.rolling && !p.deciding);
    if (p.state.kind === 'working' && again && refusal === null) {
      this._wake(p, ts);
    } else {
      this._settle(p, ts);
    }
    this._progress(p, ts);
  }

  private _refused(p: Parent, id: ClientOrderId, reason: string, ts: number): void {
    p.refusals++;
    this._exec({
      type: 'child_refused',
      ts,
      parentId: p.id,
      clientOrderId: id,
      reason,
      consecutive: p.refusals,
    });
    if (p.state.kind !== 'working') return;
    if (p.refusals >= this._maxRefusals) {
      const why = `${p.refusals} children refused in a row; last: ${reason}`;
      this._end(p, ts, { kind: 'failed', reason: why });
    } else if (!(p.wakeAt <= ts + this._retryMs)) {
      this._schedule(p, ts + this._retryMs);
    }
  }

  // ---- plumbing ----------------------------------------------------------------------------

  private _schedule(p: Parent, at: number): void {
    if (at === p.wakeAt) return;
    p.token++;
    p.wakeAt = at;
    this._heap.push(at, p.slot, p.token);
  }

  private _unschedule(p: Parent): void {
    if (Number.isNaN(p.wakeAt)) return;
    p.token++;
    p.wakeAt = Number.NaN;
  }

  private _progress(p: Parent, ts: number): void {
    if (this._o.onExec !== undefined)
      this._exec({ type: 'parent_progress', ts, progress: progressOf(p) });
  }

  private _exec(e: ExecEvent): void {
    this._o.onExec?.(e);
  }
}

/** A `done` state: the shortfall cause and reason only when something is left. */
function done(left: number, cause: ShortfallCause, reason: () => string): FinalParentState {
  return left > 0
    ? { kind: 'done', unfilledQty: left, reason: reason(), shortfall: cause }
    : { kind: 'done', unfilledQty: 0, reason: null };
}
