import type { Engine } from '../engine';
import {
  type ClientOrderId,
  clientOrderId,
  type EngineCommand,
  type EngineEvent,
  type Instrument,
  type OrderPricing,
  type OrderRequest,
  type SymbolId,
} from '../model';
import { err, fmt, ok, type Result } from '../util';
import type { MarketUpdate } from '../venue';
import { type AlgoSpec, CHASE_DEFAULTS, checkAlgoSpec } from './algo-spec';
import type { Algo, AlgoStep } from './algos/algo';
import { createAlgo } from './algos/create-algo';
import { childFigures, splitChildId } from './child-figures';
import { passiveLimitPrice, sendableQty } from './child-sizing';
import type { ParentImage } from './parent-journal';
import type { ParentRecord } from './parent-record';
import {
  type ExecEvent,
  type FinalParentState,
  isFinalParentState,
  type ParentId,
  type ParentProgress,
  type ParentState,
  type ShortfallCause,
} from './parent-state';
import { TimerHeap } from './timer-heap';

/** What the scheduler needs of an engine: its command entry and its state (instruments, marks, ids). */
export type ExecGateway = Pick<Engine, 'handle' | 'state'>;

/** Settings of an `ExecScheduler`. */
export interface ExecSchedulerOptions {
  readonly engine: ExecGateway;
  /** Progress and refusals, as plain data. */
  readonly onExec?: (e: ExecEvent) => void;
  /** Every engine event the scheduler's own commands cause (to journal and show, as `StrategyHost`). */
  readonly emit?: (events: readonly EngineEvent[]) => void;
  /** Parent ids are `${prefix}${n}`, children `${parentId}.${k}` (default `algo-`). */
  readonly idPrefix?: string;
  /** Refusals in a row after which a parent fails (default 3). */
  readonly maxRefusals?: number;
  /** Delay before a refused child is tried again, ms (default 1000). */
  readonly retryDelayMs?: number;
  /**
   * Parent records to journal (`ParentJournal.stage`), called synchronously in order. With a
   * journal, a submitted parent is held (sends nothing) until `release`, which the host calls
   * once its `parent_created` record is durable: a child never exists without its parent's record.
   */
  readonly journal?: (r: ParentRecord) => void;
  /**
   * The best bid and ask of a symbol (the host's order book), for passive children's prices.
   * Without it (or when it has no side), the last `book_ticker` seen by `onMarket`, else the
   * engine's last price (mark), is the touch.
   */
  readonly quote?: (symbol: SymbolId) => { readonly bid: number; readonly ask: number } | undefined;
}

/** A symbol's best bid and ask. */
interface Touch {
  bid: number;
  ask: number;
}

interface Parent {
  readonly id: ParentId;
  readonly slot: number;
  readonly spec: AlgoSpec;
  readonly algo: Algo;
  readonly inst: Instrument | undefined;
  readonly qty: number;
  state: ParentState;
  filled: number;
  working: number;
  cumQuote: number;
  fees: number;
  childrenSent: number;
  childrenWorking: number;
  childSeq: number;
  refusals: number;
  /** Journaled but not yet durable: takes no wake-ups until `release`. */
  held: boolean;
  /** Inside `_wake` rolling its stale children: their ends do not wake it again. */
  deciding: boolean;
  /** Bumped to invalidate the parent's entry in the timer heap. */
  token: number;
  /** Time of the valid heap entry, NaN when none. */
  wakeAt: number;
  readonly children: Set<ClientOrderId>;
}

interface Child {
  readonly parent: Parent;
  readonly qty: number;
  filled: number;
  /** We asked for the cancel: its end is not a refusal. */
  cancelling: boolean;
  /** Cancelled to send its rest again (slice over, or chased): its end wakes the parent. */
  rolling: boolean;
  /** A passive child's limit price; NaN for the others. */
  readonly price: number;
  /** When a passive child's slice ends (it is rolled); Infinity for none. */
  readonly expires: number;
  readonly createdTs: number;
}

const MARKET: OrderPricing = { type: 'MARKET' };

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
 */
export class ExecScheduler {
  private readonly _parents: Parent[] = [];
  private readonly _byId = new Map<string, Parent>();
  private readonly _children = new Map<ClientOrderId, Child>();
  private readonly _volume = new Map<SymbolId, Parent[]>();
  /** Working parents with chasing passive children, by symbol. */
  private readonly _chasers = new Map<SymbolId, Parent[]>();
  /** Last book ticker per symbol (the touch when no `quote` is given). */
  private readonly _touch = new Map<SymbolId, Touch>();
  private readonly _heap = new TimerHeap();
  private readonly _step: AlgoStep = { send: 0, next: null, finish: false, market: false };
  private _queue: EngineEvent[] = [];
  private _draining = false;
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
      const touch = this._touchOf(spec.symbol, spec.side);
      const by = (touch * -spec.child.offsetBps) / 10_000;
      if (by < inst.tickSize * (1 - 1e-9))
        return err(
          `${spec.algo}: child.offsetBps ${fmt(spec.child.offsetBps)} is ${fmt(by)} at ${fmt(touch)}, under ${spec.symbol}'s tick ${fmt(inst.tickSize)}: it would round back to the touch`,
        );
    }
    const id = `${this._prefix}${this._nextParent++}` as ParentId;
    const p = this._add(id, spec, inst, WORKING);
    p.held = this._o.journal !== undefined;
    this._o.journal?.({ type: 'parent_created', ts: now, parentId: id, spec });
    this._progress(p, now);
    // Only scheduled: the first children go at the next `onTime` at or after the first wake.
    this._schedule(p, p.algo.firstWake(now));
    return ok(id);
  }

  /** Lets a held parent send: its `parent_created` record is durable. Unknown ids are ignored. */
  release(id: ParentId, now: number): void {
    const p = this._byId.get(id);
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
    if (this._parents.length > 0) return err('restore: the scheduler already has parents');
    const figures = childFigures(
      this._o.engine.state.orders,
      this._o.engine.state.openOrders,
      parents.map((p) => p.parentId),
    );
    let top = 0;
    const number = (id: string) => {
      if (!id.startsWith(this._prefix)) return;
      const n = Number(id.slice(this._prefix.length));
      if (Number.isInteger(n) && n > top) top = n;
    };
    for (const id of this._o.engine.state.orders.keys()) {
      const split = splitChildId(id);
      if (split !== null) number(split.parent);
    }
    for (const img of parents) {
      number(img.parentId);
      const inst = this._o.engine.state.instruments.get(img.spec.symbol);
      const unknown: ParentState = { kind: 'failed', reason: `unknown symbol ${img.spec.symbol}` };
      const p = this._add(img.parentId, img.spec, inst, inst === undefined ? unknown : img.state);
      if (img.observed > 0) p.algo.observeVolume(img.observed);
      const f = figures.get(img.parentId);
      if (f !== undefined) {
        p.filled = f.filled;
        p.cumQuote = f.cumQuote;
        p.fees = f.fees;
        p.childrenSent = f.sent;
        p.childSeq = f.maxSeq;
        this.childrenSent += f.sent;
        for (const o of f.open) {
          const id = o.request.clientOrderId;
          const passive = p.algo.passive !== null && o.request.type === 'LIMIT';
          this._children.set(id, {
            parent: p,
            qty: o.request.qty,
            filled: o.executedQty,
            cancelling: false,
            rolling: false,
            price: o.request.type === 'LIMIT' ? o.request.price : Number.NaN,
            // Adopted as it was: its slice still ends when it would have (rolled at the first wake).
            expires: passive ? (p.algo.sliceEnd(o.createdTs) ?? Infinity) : Infinity,
            createdTs: o.createdTs,
          });
          p.children.add(id);
          p.working += o.request.qty - o.executedQty;
          p.childrenWorking++;
        }
      }
    }
    this._nextParent = top + 1;
    for (const p of this._parents) {
      if (p.state.kind === 'working') {
        const at = p.algo.restartWake(now);
        if (at !== null) this._schedule(p, at);
      } else {
        this._cancelChildren(p);
      }
      this._progress(p, now);
    }
    return ok(this._parents.length);
  }

  /** Stops sending and cancels the working children; volume seen while paused is not counted. */
  pause(id: ParentId, now: number): Result<ParentState, string> {
    const p = this._byId.get(id);
    if (p === undefined) return err(`unknown parent ${id}`);
    if (p.state.kind !== 'working') return err(`parent ${id} is ${p.state.kind}`);
    p.state = PAUSED;
    this._o.journal?.({ type: 'parent_paused', ts: now, parentId: id });
    this._unschedule(p);
    this._cancelChildren(p);
    this._progress(p, now);
    return ok(p.state);
  }

  /** Resumes a paused parent: it catches up with its schedule or target at once. */
  resume(id: ParentId, now: number): Result<ParentState, string> {
    const p = this._byId.get(id);
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
    const p = this._byId.get(id);
    if (p === undefined) return err(`unknown parent ${id}`);
    if (isFinalParentState(p.state)) return err(`parent ${id} is already ${p.state.kind}`);
    this._end(p, now, { kind: 'cancelled', reason });
    return ok(p.state);
  }

  /** Fires every wake-up due at `now` (advance the engine's clock to `now` first). */
  onTime(now: number): void {
    const h = this._heap;
    while (h.size > 0 && (h.peekTime() as number) <= now) {
      const p = this._parents[h.peekSlot()] as Parent;
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
    if (u.kind === 'book_ticker') this._touch.set(u.symbol, { bid: u.bidPrice, ask: u.askPrice });
    if (u.kind !== 'status') {
      const chasers = this._chasers.get(u.symbol);
      if (chasers !== undefined) for (const p of [...chasers]) this._roll(p, u.ts, true);
    }
    if (u.kind !== 'trade' && u.kind !== 'kline') return;
    const qty = u.kind === 'trade' ? u.qty : u.closed ? u.bar.volume : 0;
    if (!(qty > 0)) return;
    const list = this._volume.get(u.symbol);
    if (list === undefined) return;
    for (const p of list) {
      if (p.state.kind !== 'working') continue;
      p.algo.observeVolume(qty);
      this._wake(p, u.ts);
    }
  }

  /** Engine events from elsewhere (venue reports, ticks): the children's fills and ends. */
  onEngineEvents(events: readonly EngineEvent[]): void {
    for (const e of events) this._queue.push(e);
    if (!this._draining) this._drain();
  }

  /** When the next wake-up is due, or null: a live host sets its timer to it. */
  nextWakeTs(): number | null {
    const h = this._heap;
    while (h.size > 0 && h.peekToken() !== (this._parents[h.peekSlot()] as Parent).token) h.pop();
    return h.peekTime();
  }

  /** A parent's progress, or undefined for an unknown id. */
  progress(id: ParentId): ParentProgress | undefined {
    const p = this._byId.get(id);
    return p === undefined ? undefined : progressOf(p);
  }

  /** Every parent's progress, oldest first. */
  all(): ParentProgress[] {
    return this._parents.map(progressOf);
  }

  /** Parent of a child order, or undefined (an order that is not a working child). */
  parentOf(id: ClientOrderId): ParentId | undefined {
    return this._children.get(id)?.parent.id;
  }

  // ---- decisions ---------------------------------------------------------------------------

  private _wake(p: Parent, now: number): void {
    if (p.state.kind !== 'working' || p.held) return;
    if (p.algo.passive !== null && p.childrenWorking > 0) {
      // Children whose slice is over (or that the touch left) are cancelled first; when the
      // venue confirms at once their rest is due again in this very decision.
      p.deciding = true;
      try {
        this._roll(p, now, false);
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
    if (step.send > 0) this._send(p, step.send, now, step.market);
    this._settle(p, now);
  }

  /**
   * Cancels, to send their rest again, the passive children of `p` whose slice is over, and
   * (with `chase`: on market data only, so a restart's wake-up replaces nothing a run without
   * it would not) those the touch has moved away from by more than `chaseTicks` ticks once they
   * have rested `chaseMinMs`.
   */
  private _roll(p: Parent, now: number, chase: boolean): void {
    const lim = p.algo.passive;
    if (lim === null || p.state.kind !== 'working' || p.held) return;
    const tick = p.inst?.tickSize ?? 0;
    const fresh = chase && lim.chase ? this._limitPrice(p) : Number.NaN;
    const ticks = lim.chaseTicks ?? CHASE_DEFAULTS.ticks;
    const minMs = lim.chaseMinMs ?? CHASE_DEFAULTS.minMs;
    for (const id of [...p.children]) {
      const c = this._children.get(id);
      if (c === undefined || c.cancelling || Number.isNaN(c.price)) continue;
      const away = p.spec.side === 'BUY' ? fresh - c.price : c.price - fresh;
      const chased = away > ticks * tick * (1 + 1e-9) && away > 0 && now - c.createdTs >= minMs;
      if (c.expires <= now || chased) {
        c.rolling = true;
        c.cancelling = true;
        this._command({ type: 'cancel_order', clientOrderId: id });
      }
    }
  }

  /** A passive child's price for `p` now (NaN while no touch is known). */
  private _limitPrice(p: Parent): number {
    const lim = p.algo.passive;
    if (lim === null) return Number.NaN;
    const touch = this._touchOf(p.spec.symbol, p.spec.side);
    return passiveLimitPrice(touch, p.spec.side, lim.offsetBps, p.inst?.tickSize ?? 0);
  }

  /** The touch on `side`'s own side: `quote`, else the last book ticker, else the mark; or NaN. */
  private _touchOf(sym: SymbolId, side: 'BUY' | 'SELL'): number {
    const q = this._o.quote?.(sym) ?? this._touch.get(sym);
    const touch = q === undefined ? Number.NaN : side === 'BUY' ? q.bid : q.ask;
    return touch > 0 ? touch : (this._o.engine.state.marks.get(sym) ?? Number.NaN);
  }

  /** The pricing of `p`'s next child, or null (passive, no touch known yet). */
  private _pricing(p: Parent, market: boolean): OrderPricing | null {
    if (market) return MARKET;
    if (p.algo.passive === null) return p.algo.pricing;
    const price = this._limitPrice(p);
    return Number.isNaN(price) ? null : { type: 'LIMIT', price };
  }

  private _send(p: Parent, want: number, now: number, market: boolean): void {
    const left = p.qty - p.filled - p.working;
    const pricing = this._pricing(p, market);
    if (pricing === null) return; // no price to rest at yet: carried into the next decision
    const ref =
      pricing.type === 'LIMIT'
        ? pricing.price
        : (this._o.engine.state.marks.get(p.spec.symbol) ?? Number.NaN);
    const qty = sendableQty(Math.min(want, left), p.inst, ref);
    if (qty <= 0) return; // too small for now: carried into the next decision
    const id = this._childId(p);
    if (p.algo.listensToVolume) {
      // POV's volume is the one figure the WAL does not hold: checkpointed before each child.
      const observed = p.algo.observed;
      this._o.journal?.({ type: 'parent_volume', ts: now, parentId: p.id, observed });
    }
    const request = {
      ...pricing,
      clientOrderId: id,
      symbol: p.spec.symbol,
      side: p.spec.side,
      qty,
      tif: p.algo.tif,
      postOnly: pricing.type === 'LIMIT' && p.algo.passive?.postOnly === true,
      reduceOnly: false,
    } as OrderRequest;
    const passive = p.algo.passive !== null && pricing.type === 'LIMIT';
    this._children.set(id, {
      parent: p,
      qty,
      filled: 0,
      cancelling: false,
      rolling: false,
      price: pricing.type === 'LIMIT' ? pricing.price : Number.NaN,
      expires: passive ? (p.algo.sliceEnd(now) ?? Infinity) : Infinity,
      createdTs: now,
    });
    p.children.add(id);
    p.working += qty;
    p.childrenSent++;
    p.childrenWorking++;
    this.childrenSent++;
    this._progress(p, now);
    this._command({ type: 'submit_order', request });
  }

  /** Ends a working parent with nothing working when what is left can no longer be sent. */
  private _settle(p: Parent, now: number): void {
    if (p.state.kind !== 'working' || p.childrenWorking > 0) return;
    const left = p.qty - p.filled;
    if (left <= 1e-9 * p.qty) {
      this._end(p, now, { kind: 'done', unfilledQty: 0, reason: null });
      return;
    }
    const pricing = this._pricing(p, false);
    const ref =
      pricing?.type === 'LIMIT'
        ? pricing.price
        : (this._o.engine.state.marks.get(p.spec.symbol) ?? Number.NaN);
    if (sendableQty(left, p.inst, ref) === 0) {
      const reason = `${fmt(left)} left is under ${p.spec.symbol}'s lot or min notional`;
      this._end(p, now, { kind: 'done', unfilledQty: left, reason, shortfall: 'under_lot' });
    }
  }

  private _end(p: Parent, now: number, state: FinalParentState): void {
    p.state = state;
    this._o.journal?.({ type: 'parent_ended', ts: now, parentId: p.id, state });
    this._unschedule(p);
    if (p.algo.listensToVolume) unlist(this._volume, p);
    if (p.algo.passive?.chase === true) unlist(this._chasers, p);
    this._cancelChildren(p);
    this._progress(p, now);
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

  // ---- engine events -----------------------------------------------------------------------

  private _drain(): void {
    this._draining = true;
    try {
      const q = this._queue;
      for (let i = 0; i < q.length; i++) this._apply(q[i] as EngineEvent);
    } finally {
      this._queue = [];
      this._draining = false;
    }
  }

  private _apply(e: EngineEvent): void {
    switch (e.type) {
      case 'order_denied': {
        const c = this._children.get(e.request.clientOrderId);
        if (c !== undefined) this._childEnded(e.request.clientOrderId, c, e.ts, e.reason);
        return;
      }
      case 'duplicate_order_rejected': {
        const c = this._children.get(e.request.clientOrderId);
        if (c !== undefined) this._childEnded(e.request.clientOrderId, c, e.ts, e.reason);
        return;
      }
      case 'order_rejected': {
        const c = this._children.get(e.clientOrderId);
        if (c !== undefined) this._childEnded(e.clientOrderId, c, e.ts, e.reason);
        return;
      }
      case 'order_filled': {
        const c = this._children.get(e.clientOrderId);
        if (c === undefined) return;
        const p = c.parent;
        c.filled += e.qty;
        p.filled += e.qty;
        p.working = Math.max(0, p.working - e.qty);
        p.cumQuote += e.qty * e.price;
        p.fees += e.fee;
        p.refusals = 0;
        if (e.status === 'FILLED') this._childEnded(e.clientOrderId, c, e.ts, null);
        else this._progress(p, e.ts);
        return;
      }
      case 'order_cancelled':
      case 'order_expired': {
        const c = this._children.get(e.clientOrderId);
        if (c === undefined) return;
        const refusal =
          c.filled > 0 || c.cancelling
            ? null
            : `${e.type === 'order_expired' ? 'expired' : 'cancelled'}: ${e.reason ?? 'by the venue'}`;
        this._childEnded(e.clientOrderId, c, e.ts, refusal);
        return;
      }
      default:
        return;
    }
  }

  private _childEnded(id: ClientOrderId, c: Child, ts: number, refusal: string | null): void {
    const p = c.parent;
    this._children.delete(id);
    p.children.delete(id);
    p.childrenWorking--;
    p.working = Math.max(0, p.working - Math.max(0, c.qty - c.filled));
    if (p.childrenWorking === 0) p.working = 0; // no float residue once nothing works
    if (refusal !== null) this._refused(p, id, refusal, ts);
    const again = p.algo.refreshOnChildDone || (c.rolling && !p.deciding);
    if (p.state.kind === 'working' && again && refusal === null) {
      this._wake(p, ts);
    } else {
      this._settle(p, ts);
    }
    this._progress(p, ts);
  }

  // ---- plumbing ----------------------------------------------------------------------------

  private _add(id: ParentId, spec: AlgoSpec, inst: Instrument | undefined, state: ParentState) {
    const p: Parent = {
      id,
      slot: this._parents.length,
      spec,
      algo: createAlgo(spec, this._retryMs),
      inst,
      qty: spec.qty,
      state,
      filled: 0,
      working: 0,
      cumQuote: 0,
      fees: 0,
      childrenSent: 0,
      childrenWorking: 0,
      childSeq: 0,
      refusals: 0,
      held: false,
      deciding: false,
      token: 0,
      wakeAt: Number.NaN,
      children: new Set(),
    };
    this._parents.push(p);
    this._byId.set(id, p);
    if (!isFinalParentState(state)) {
      if (p.algo.listensToVolume) enlist(this._volume, p);
      if (p.algo.passive?.chase === true) enlist(this._chasers, p);
    }
    return p;
  }

  private _command(cmd: EngineCommand): void {
    const events = this._o.engine.handle(cmd);
    this._o.emit?.(events);
    for (const e of events) this._queue.push(e);
    if (!this._draining) this._drain();
  }

  private _cancelChildren(p: Parent): void {
    for (const id of [...p.children]) {
      const c = this._children.get(id);
      if (c === undefined || c.cancelling) continue;
      c.cancelling = true;
      this._command({ type: 'cancel_order', clientOrderId: id });
    }
  }

  private _childId(p: Parent): ClientOrderId {
    const orders = this._o.engine.state.orders;
    for (;;) {
      const id = clientOrderId(`${p.id}.${++p.childSeq}`);
      if (!orders.has(id) && !this._children.has(id)) return id;
    }
  }

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

function enlist(m: Map<SymbolId, Parent[]>, p: Parent): void {
  const list = m.get(p.spec.symbol);
  if (list === undefined) m.set(p.spec.symbol, [p]);
  else list.push(p);
}

function unlist(m: Map<SymbolId, Parent[]>, p: Parent): void {
  const list = m.get(p.spec.symbol);
  const i = list === undefined ? -1 : list.indexOf(p);
  if (i >= 0) list?.splice(i, 1);
}

/** A `done` state: the shortfall cause and reason only when something is left. */
function done(left: number, cause: ShortfallCause, reason: () => string): FinalParentState {
  return left > 0
    ? { kind: 'done', unfilledQty: left, reason: reason(), shortfall: cause }
    : { kind: 'done', unfilledQty: 0, reason: null };
}

function progressOf(p: Parent): ParentProgress {
  return {
    parentId: p.id,
    algo: p.spec.algo,
    symbol: p.spec.symbol,
    side: p.spec.side,
    childType: p.spec.algo === 'iceberg' || p.algo.passive !== null ? 'limit' : 'market',
    qty: p.qty,
    filledQty: p.filled,
    avgPrice: p.filled > 0 ? p.cumQuote / p.filled : 0,
    fees: p.fees,
    childrenSent: p.childrenSent,
    childrenWorking: p.childrenWorking,
    workingQty: p.working,
    state: p.state,
  };
}
