// The live router: the engine (stdio, external venue) on one side, an exchange adapter on the
// other. Orders the engine accepted go to the venue; the venue's reports come back as EXEC
// lines, one order at a time, each fill once; reconciliation compares the two after every
// (re)connect and reports what it could not settle. It never invents an order: no second
// `place` for an id, no cancel of an order that is not the engine's.
import type { EngineEvent, EngineLink } from '../../engine-process/engine-link';
import type { ExecReport, VenueAdapter, VenueOrder, VenueSnapshot } from '../venue-adapter';
import { balanceDifferences } from './balance-diff';
import {
  parseAccount,
  parseCancelReceived,
  parseEngineError,
  parseOrderState,
  parseReceived,
  parseUpdate,
  type ReceivedFields,
} from './engine-wire';
import { quoteAssetOf } from './fee-asset';
import { KeyedQueue } from './keyed-queue';
import { resolveFromVenue } from './resolve-from-venue';
import type { KillSwitchState, RouterEvent, RouterWarningCode } from './router-events';
import { requestFromNew, TrackedOrder, trackRecovered } from './tracked-order';

export interface LiveRouterOptions {
  readonly engine: EngineLink;
  readonly adapter: VenueAdapter;
  /** Wall clock for report timestamps (ms). */
  readonly now?: () => number;
  /** The asset a reconstructed fill is booked in (default: the symbol's quote asset). */
  readonly feeAssetOf?: (symbol: string) => string;
}

/** Reason the engine gets for orders refused while the kill switch is engaged. */
export const KILL_SWITCH_REASON = 'kill switch engaged';

/** Queue key of reconciliations (an order id cannot hold a NUL). */
const RECONCILE_KEY = '\u0000reconcile';

export class LiveRouter {
  private readonly _engine: EngineLink;
  private readonly _adapter: VenueAdapter;
  private readonly _now: () => number;
  private readonly _feeAssetOf: (symbol: string) => string;
  private readonly _orders = new Map<string, TrackedOrder>();
  private readonly _received = new Map<string, ReceivedFields>();
  private readonly _queue = new KeyedQueue();
  private readonly _listeners = new Set<(e: RouterEvent) => void>();
  private _kill: KillSwitchState = { engaged: false };
  private _unsubscribe: (() => void) | null = null;

  constructor(opts: LiveRouterOptions) {
    this._engine = opts.engine;
    this._adapter = opts.adapter;
    this._now = opts.now ?? Date.now;
    this._feeAssetOf = opts.feeAssetOf ?? quoteAssetOf;
  }

  /**
   * Subscribes to the engine, loads the orders it already has (a restart: their fills so far
   * are the baseline for deduplication), then starts the adapter, which reconciles once.
   */
  async start(): Promise<void> {
    if (this._unsubscribe !== null) throw new Error('LiveRouter already started');
    this._unsubscribe = this._engine.subscribe((e) => this._onEngineEvent(e));
    for (const e of await this._engine.query('ORDERS')) {
      const s = parseOrderState(e);
      if (s !== null && !this._orders.has(s.clientOrderId)) {
        this._orders.set(s.clientOrderId, trackRecovered(s));
      }
    }
    await this._adapter.start({
      onReport: (r) => this._spawn(r.clientOrderId, () => this._onReport(r)),
      onConnection: (state) =>
        this._emit({ type: 'connection', venue: this._adapter.venue, state }),
      onReconciled: (snap) => this._spawn(RECONCILE_KEY, () => this._reconcile(snap)),
    });
  }

  /** Stops listening, lets queued work finish, closes the adapter. */
  async stop(): Promise<void> {
    this._unsubscribe?.();
    this._unsubscribe = null;
    await this._queue.idle();
    await this._adapter.close();
  }

  /** Router events for the API/SSE; returns the unsubscribe function. */
  onEvent(listener: (e: RouterEvent) => void): () => void {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  killSwitch(): KillSwitchState {
    return this._kill;
  }

  /**
   * Stops routing (new orders are refused with `kill switch engaged`) and asks the venue to
   * cancel every open order of the engine; resolves once every cancel has been sent. Orders the
   * engine does not know are not touched.
   */
  async engageKillSwitch(reason: string): Promise<void> {
    if (!this._kill.engaged) {
      this._kill = { engaged: true, reason, sinceMs: this._now() };
      this._emit({ type: 'kill_switch', engaged: true, reason, tsMs: this._kill.sinceMs });
    }
    const open = [...this._orders.values()].filter((t) => t.open);
    await Promise.all(open.map((t) => this._queue.run(t.id, () => this._cancelAtVenue(t))));
  }

  releaseKillSwitch(): void {
    if (!this._kill.engaged) return;
    this._kill = { engaged: false };
    this._emit({ type: 'kill_switch', engaged: false, reason: null, tsMs: this._now() });
  }

  /** Resolves when nothing is queued (tests, shutdown). */
  idle(): Promise<void> {
    return this._queue.idle();
  }

  // ---- engine side ----

  private _onEngineEvent(e: EngineEvent): void {
    switch (e.type) {
      case 'order_received': {
        const r = parseReceived(e);
        if (r !== null) this._received.set(r.clientOrderId, r);
        return;
      }
      case 'order_update': {
        const u = parseUpdate(e);
        if (u === null) return;
        const t = this._orders.get(u.clientOrderId);
        if (t !== undefined) return t.absorb(u);
        const received = this._received.get(u.clientOrderId);
        this._received.delete(u.clientOrderId);
        // NEW is printed only for an order that passed validation and risk: route it.
        const request = requestFromNew(u, received);
        if (request === null) return;
        const fresh = new TrackedOrder(request, { status: 'NEW', routing: 'pending' });
        this._orders.set(fresh.id, fresh);
        this._spawn(fresh.id, () => this._route(fresh));
        return;
      }
      case 'cancel_received': {
        const id = parseCancelReceived(e);
        const t = id === null ? undefined : this._orders.get(id);
        if (t?.open) this._spawn(t.id, () => this._cancelAtVenue(t));
        return;
      }
      case 'kill_switch': {
        // The engine's risk kill switch cancels through its venue, which for live is us.
        const reason = typeof e.reason === 'string' ? e.reason : 'risk limit';
        this._spawnUnqueued(() => this.engageKillSwitch(`engine: ${reason}`));
        return;
      }
      default:
        return;
    }
  }

  /** Feeds one report to the engine; false when it did not take it (and says why). */
  private async _exec(report: ExecReport): Promise<boolean> {
    let events: Awaited<ReturnType<EngineLink['exec']>>;
    try {
      events = await this._engine.exec(report);
    } catch (e) {
      this._warn(
        'exec_failed',
        `${report.clientOrderId}: ${(e as Error).message}`,
        report.clientOrderId,
      );
      return false;
    }
    let ok = true;
    for (const ev of events) {
      const u = parseUpdate(ev);
      if (u !== null) this._orders.get(u.clientOrderId)?.absorb(u);
      const err = parseEngineError(ev);
      if (err !== null && err.clientOrderId === report.clientOrderId) {
        this._warn(
          'engine_refused',
          `${report.clientOrderId}: ${err.message}`,
          report.clientOrderId,
        );
        ok = false;
      }
    }
    return ok;
  }

  // ---- venue side ----

  private async _route(t: TrackedOrder): Promise<void> {
    if (t.routing !== 'pending' || t.status !== 'NEW') return;
    const ts = this._now();
    if (this._kill.engaged) {
      t.routing = 'not_placed';
      await this._exec({
        kind: 'status',
        clientOrderId: t.id,
        status: 'REJECTED',
        reason: KILL_SWITCH_REASON,
        tsMs: ts,
      });
      this._emit({
        type: 'route_refused',
        clientOrderId: t.id,
        by: 'kill_switch',
        reason: KILL_SWITCH_REASON,
      });
      return;
    }
    t.routing = 'placing';
    const res = await this._adapter.place(t.request).catch((e: unknown) => ({
      ok: false as const,
      kind: 'unknown' as const,
      reason: String((e as Error)?.message ?? e),
    }));
    if (res.ok) {
      t.routing = 'placed';
      if (t.status === 'NEW') {
        await this._exec({
          kind: 'status',
          clientOrderId: t.id,
          status: 'ACCEPTED',
          venueOrderId: res.venueOrderId,
          tsMs: this._now(),
        });
      }
      this._emit({ type: 'routed', clientOrderId: t.id, venueOrderId: res.venueOrderId });
      // Engaged while the place was on its way: this order is open now, cancel it too.
      if (this._kill.engaged) await this._cancelAtVenue(t);
      return;
    }
    if (res.kind === 'rejected') {
      t.routing = 'not_placed';
      await this._exec({
        kind: 'status',
        clientOrderId: t.id,
        status: 'REJECTED',
        reason: res.reason,
        tsMs: this._now(),
      });
      this._emit({ type: 'route_refused', clientOrderId: t.id, by: 'venue', reason: res.reason });
      return;
    }
    // Unknown: it may be at the venue. Ask by client id; never place again.
    const vo = await this._queryVenue(t, `place: ${res.reason}`);
    if (vo === 'failed') {
      t.routing = 'recovered';
      return;
    }
    t.routing = vo === null ? 'not_placed' : 'placed';
    await this._applyVenueOrder(t, vo);
    if (vo === null) {
      this._emit({
        type: 'route_refused',
        clientOrderId: t.id,
        by: 'unreachable',
        reason: res.reason,
      });
    } else {
      this._emit({ type: 'routed', clientOrderId: t.id, venueOrderId: vo.venueOrderId });
      if (this._kill.engaged && t.open) await this._cancelAtVenue(t);
    }
  }

  private async _cancelAtVenue(t: TrackedOrder): Promise<void> {
    if (!t.open || t.cancelSent || t.routing === 'not_placed' || t.routing === 'pending') return;
    const res = await this._adapter.cancel(t.id, t.request.symbol).catch((e: unknown) => ({
      ok: false as const,
      kind: 'unknown' as const,
      reason: String((e as Error)?.message ?? e),
    }));
    if (res.ok) {
      t.cancelSent = true;
      // The venue's CANCELLED (or a fill that won the race) comes back as a report.
      this._emit({ type: 'cancel_sent', clientOrderId: t.id });
      return;
    }
    if (res.kind === 'rejected') {
      this._warn('cancel_failed', `${t.id}: ${res.reason}`, t.id);
      return;
    }
    const vo = await this._queryVenue(t, `cancel: ${res.reason}`);
    if (vo !== 'failed') await this._applyVenueOrder(t, vo);
  }

  private async _queryVenue(t: TrackedOrder, why: string): Promise<VenueOrder | null | 'failed'> {
    try {
      return await this._adapter.queryOrder(t.id, t.request.symbol);
    } catch (e) {
      const msg = `${t.id}: ${why}; query failed: ${(e as Error).message}; left for reconciliation`;
      this._warn('venue_query_failed', msg, t.id);
      return 'failed';
    }
  }

  /** Execs what the venue's view of an order implies; true when the engine was told anything. */
  private async _applyVenueOrder(t: TrackedOrder, vo: VenueOrder | null): Promise<boolean> {
    const r = resolveFromVenue(t, vo, this._now(), this._feeAssetOf(t.request.symbol));
    for (const w of r.warnings) this._warn(w.code, w.message, t.id);
    let told = false;
    for (const rep of r.reports) {
      if (!t.open) break;
      const ok = await this._exec(rep);
      told ||= ok;
      if (ok && rep.kind === 'fill') t.fills.syncTo(vo?.executedQty ?? 0);
    }
    return told;
  }

  private async _onReport(r: ExecReport): Promise<void> {
    const t = this._orders.get(r.clientOrderId);
    if (t === undefined) {
      this._emit({ type: 'report_dropped', clientOrderId: r.clientOrderId, why: 'unknown_order' });
      this._warn(
        'report_for_unknown_order',
        `${r.kind} report for ${r.clientOrderId}, which the engine does not know`,
        r.clientOrderId,
      );
      return;
    }
    if (r.venueOrderId !== undefined && t.routing === 'recovered') t.routing = 'placed';
    if (r.kind === 'status') {
      const duplicate = r.status === 'ACCEPTED' ? t.status !== 'NEW' : !t.open;
      if (duplicate) {
        this._emit({
          type: 'report_dropped',
          clientOrderId: t.id,
          why: t.open ? 'duplicate' : 'order_finished',
        });
        return;
      }
      await this._exec(r);
      return;
    }
    const d = t.fills.decide(r.tradeId, r.fillQty, t.engineExecuted);
    if (!d.forward) {
      if (d.why === 'already_executed') t.fills.record(r.tradeId, r.fillQty);
      this._emit({ type: 'report_dropped', clientOrderId: t.id, why: d.why });
      return;
    }
    if (!t.open) {
      t.fills.record(r.tradeId, r.fillQty);
      this._emit({ type: 'report_dropped', clientOrderId: t.id, why: 'order_finished' });
      this._warn(
        'fill_for_finished_order',
        `${t.id} is ${t.status} but the venue reports a fill of ${r.fillQty} (trade ${r.tradeId})`,
        t.id,
      );
      return;
    }
    if (await this._exec(d.qty === r.fillQty ? r : { ...r, fillQty: d.qty })) {
      t.fills.record(r.tradeId, r.fillQty);
    }
  }

  // ---- reconciliation ----

  private async _reconcile(snap: VenueSnapshot): Promise<void> {
    const venueOpen = new Map(snap.openOrders.map((o) => [o.clientOrderId, o]));
    const foreign: VenueOrder[] = [];
    for (const vo of snap.openOrders) {
      const t = this._orders.get(vo.clientOrderId);
      if (t === undefined) {
        foreign.push(vo);
        this._warn(
          'foreign_order',
          `open at the venue, unknown to the engine: ${vo.clientOrderId} (${vo.side} ${vo.qty} ${vo.symbol}); left alone`,
        );
      } else if (!t.open) {
        this._warn(
          'venue_open_engine_finished',
          `${t.id} is ${t.status} in the engine but open at the venue`,
          t.id,
        );
      }
    }
    const resolved: string[] = [];
    const jobs: Promise<void>[] = [];
    for (const t of this._orders.values()) {
      if (!t.open) continue;
      const seen = venueOpen.get(t.id);
      jobs.push(
        this._queue.run(t.id, async () => {
          if (!t.open) return;
          let vo: VenueOrder | null | 'failed' | undefined = seen;
          if (vo === undefined) vo = await this._queryVenue(t, 'not among the open orders');
          else {
            if (t.routing === 'recovered') t.routing = 'placed';
            t.fills.syncTo(Math.min(vo.executedQty, t.engineExecuted));
          }
          if (vo !== 'failed' && (await this._applyVenueOrder(t, vo))) resolved.push(t.id);
        }),
      );
    }
    await Promise.all(jobs);
    this._emit({
      type: 'reconciliation',
      venue: this._adapter.venue,
      tsMs: snap.tsMs,
      resolved,
      foreignOrders: foreign,
      balanceDifferences: balanceDifferences(await this._engineBalances(), snap.balances),
    });
  }

  private async _engineBalances(): Promise<{ asset: string; free: number; locked: number }[]> {
    try {
      for (const e of await this._engine.query('ACCOUNT')) {
        const b = parseAccount(e);
        if (b !== null) return [...b];
      }
    } catch (e) {
      this._warn('exec_failed', `QUERY ACCOUNT failed: ${(e as Error).message}`);
    }
    return [];
  }

  // ---- plumbing ----

  private _emit(e: RouterEvent): void {
    for (const l of this._listeners) {
      try {
        l(e);
      } catch {
        // A listener's failure must not stop the routing of live orders.
      }
    }
  }

  private _warn(code: RouterWarningCode, message: string, clientOrderId?: string): void {
    this._emit({
      type: 'warning',
      code,
      message,
      ...(clientOrderId === undefined ? {} : { clientOrderId }),
    });
  }

  /** Queues work for one order; a bug surfaces as a warning, not as an unhandled rejection. */
  private _spawn(key: string, job: () => Promise<void>): void {
    this._queue
      .run(key, job)
      .catch((e: unknown) => this._warn('router_error', `router: ${String(e)}`));
  }

  private _spawnUnqueued(job: () => Promise<void>): void {
    job().catch((e: unknown) => this._warn('router_error', `router: ${String(e)}`));
  }
}
