import {
  type ClientOrderId,
  clientOrderId,
  type EngineCommand,
  type EngineEvent,
  type OrderRequest,
} from '../model';
import { type ChildPricer, dueToRoll } from './child-pricing';
import { sendableQty } from './child-sizing';
import type { ExecSchedulerOptions } from './exec-scheduler-options';
import type { ParentId } from './parent-state';
import type { Child, Parent } from './scheduled-parent';

/** What the child book tells its scheduler. */
export interface ChildHost {
  /** A child of `p` was booked; its `submit_order` goes next. */
  sent(p: Parent, now: number): void;
  /** A child is off the books (filled, refused, or ended by a cancel or the venue). */
  ended(id: ClientOrderId, c: Child, ts: number, refusal: string | null): void;
  /** `p`'s figures changed (a partial fill). */
  progress(p: Parent, ts: number): void;
}

/**
 * The working children of a scheduler's parents: sends and cancels them through the engine, and
 * books the engine's events (its own commands' and those from elsewhere, queued and applied in
 * order) into the children's and parents' figures.
 */
export class ChildBook {
  private readonly _children = new Map<ClientOrderId, Child>();
  private _queue: EngineEvent[] = [];
  private _draining = false;

  constructor(
    private readonly _o: ExecSchedulerOptions,
    private readonly _pricer: ChildPricer,
    private readonly _host: ChildHost,
  ) {}

  /** Parent of a working child, or undefined. */
  parentOf(id: ClientOrderId): ParentId | undefined {
    return this._children.get(id)?.parent.id;
  }

  /** Books a working child (sent now, or adopted on a restore) into its parent's figures. */
  track(id: ClientOrderId, c: Child): void {
    const p = c.parent;
    this._children.set(id, c);
    p.children.add(id);
    p.working += c.qty - c.filled;
    p.childrenWorking++;
  }

  /** Sends a child of up to `want` (priced now; nothing when no price or too small yet). */
  send(p: Parent, want: number, now: number, market: boolean): void {
    const left = p.qty - p.filled - p.working;
    const pricing = this._pricer.pricing(p, market);
    if (pricing === null) return; // no price to rest at yet: carried into the next decision
    const ref = this._pricer.refPrice(p, pricing);
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
    this.track(id, {
      parent: p,
      qty,
      filled: 0,
      cancelling: false,
      rolling: false,
      price: pricing.type === 'LIMIT' ? pricing.price : Number.NaN,
      expires: passive ? (p.algo.sliceEnd(now) ?? Infinity) : Infinity,
      createdTs: now,
    });
    p.childrenSent++;
    this._host.sent(p, now);
    this._command({ type: 'submit_order', request });
  }

  /** Cancels every working child of `p` not already being cancelled. */
  cancelAll(p: Parent): void {
    for (const id of [...p.children]) {
      const c = this._children.get(id);
      if (c === undefined || c.cancelling) continue;
      c.cancelling = true;
      this._command({ type: 'cancel_order', clientOrderId: id });
    }
  }

  /**
   * Cancels, to send their rest again, the passive children of `p` whose slice is over, and
   * (with `chase`: on market data only, so a restart's wake-up replaces nothing a run without
   * it would not) those the touch has moved away from by more than `chaseTicks` ticks once they
   * have rested `chaseMinMs`.
   */
  roll(p: Parent, now: number, chase: boolean): void {
    const lim = p.algo.passive;
    if (lim === null || p.state.kind !== 'working' || p.held) return;
    const fresh = chase && lim.chase ? this._pricer.limitPrice(p) : Number.NaN;
    for (const id of [...p.children]) {
      const c = this._children.get(id);
      if (c === undefined || c.cancelling || Number.isNaN(c.price)) continue;
      if (dueToRoll(p, lim, c, fresh, now)) {
        c.rolling = true;
        c.cancelling = true;
        this._command({ type: 'cancel_order', clientOrderId: id });
      }
    }
  }

  /** Engine events from elsewhere (venue reports, ticks): queued behind any being applied. */
  take(events: readonly EngineEvent[]): void {
    for (const e of events) this._queue.push(e);
    if (!this._draining) this._drain();
  }

  private _command(cmd: EngineCommand): void {
    const events = this._o.engine.handle(cmd);
    this._o.emit?.(events);
    for (const e of events) this._queue.push(e);
    if (!this._draining) this._drain();
  }

  private _childId(p: Parent): ClientOrderId {
    const orders = this._o.engine.state.orders;
    for (;;) {
      const id = clientOrderId(`${p.id}.${++p.childSeq}`);
      if (!orders.has(id) && !this._children.has(id)) return id;
    }
  }

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
        if (c !== undefined) this._ended(e.request.clientOrderId, c, e.ts, e.reason);
        return;
      }
      case 'duplicate_order_rejected': {
        const c = this._children.get(e.request.clientOrderId);
        if (c !== undefined) this._ended(e.request.clientOrderId, c, e.ts, e.reason);
        return;
      }
      case 'order_rejected': {
        const c = this._children.get(e.clientOrderId);
        if (c !== undefined) this._ended(e.clientOrderId, c, e.ts, e.reason);
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
        if (e.status === 'FILLED') this._ended(e.clientOrderId, c, e.ts, null);
        else this._host.progress(p, e.ts);
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
        this._ended(e.clientOrderId, c, e.ts, refusal);
        return;
      }
      default:
        return;
    }
  }

  private _ended(id: ClientOrderId, c: Child, ts: number, refusal: string | null): void {
    const p = c.parent;
    this._children.delete(id);
    p.children.delete(id);
    p.childrenWorking--;
    p.working = Math.max(0, p.working - Math.max(0, c.qty - c.filled));
    if (p.childrenWorking === 0) p.working = 0; // no float residue once nothing works
    this._host.ended(id, c, ts, refusal);
  }
}
