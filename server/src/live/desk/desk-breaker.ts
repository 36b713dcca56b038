// The live desk's circuit breaker: engine-core's pure reducer (`breakerStep`) fed from the desk's
// event stream. Order outcomes come from `order_update` lines (NEW, then ACCEPTED/FILLED = ok,
// REJECTED = failed, by the engine's risk check or the venue); realized P&L net of fees from
// `fill` lines, folded with the engine's own position arithmetic (`nextPosition`) from the
// positions the engine reported at start-up, so it matches the engine's books exactly; time
// from a clock tick. It decides; the desk acts (kill switch, SSE event).
//
// Not persisted: the state lives in memory and a server restart starts it closed, like the
// router's kill switch (a restarted server is not armed until the trader arms it again).
import { nextPosition } from '../../../../engine-core/src/engine';
import type { Position, SymbolId } from '../../../../engine-core/src/model';
import {
  type BreakerConfig,
  type BreakerEvent,
  type BreakerState,
  breakerAdmits,
  breakerStep,
  initialBreaker,
  type TripReason,
  tripText,
} from '../../../../engine-core/src/risk';
import type { EngineEvent } from '../../engine-process/engine-link';
import { KILL_SWITCH_REASON } from '../router';
import { quoteAssetOf } from '../router/fee-asset';

/** A trip reason's numbers, in the API's snake_case. */
export type TripView =
  | {
      readonly code: 'loss_rate';
      readonly loss: number;
      readonly limit: number;
      readonly window_ms: number;
    }
  | {
      readonly code: 'error_rate';
      readonly failed: number;
      readonly total: number;
      readonly limit: number;
      readonly window_ms: number;
    }
  | { readonly code: 'stale_market'; readonly staleness_ms: number; readonly limit: number }
  | { readonly code: 'probe_failed'; readonly reason: string }
  | { readonly code: 'manual'; readonly note: string };

/** The breaker as `GET /api/live` and the `breaker` stream event show it. */
export interface BreakerView {
  readonly state: BreakerState['status'];
  /** Open or half-open: why it tripped, as a sentence with the numbers. */
  readonly reason?: string;
  readonly trip?: TripView;
  /** Open: when it opened and when it starts probing (ms since the epoch). */
  readonly opened_at_ms?: number;
  readonly probe_at_ms?: number;
  /** Half-open: probe orders let through, succeeded, needed to close. */
  readonly probes?: { readonly sent: number; readonly ok: number; readonly needed: number };
  /** Closed: what the windows hold now. */
  readonly window?: {
    readonly orders: number;
    readonly failed: number;
    readonly realized_pnl: number;
  };
  readonly limits: {
    readonly max_loss: number | null;
    readonly loss_window_ms: number;
    readonly max_error_rate: number | null;
    readonly error_window_ms: number;
    readonly min_orders: number;
    readonly cool_down_ms: number;
    readonly probe_orders: number;
  };
  /** Whether the state survives a server restart: it does not. */
  readonly persisted: false;
}

/** What the desk's breaker needs: its settings, the clock, and whom to tell of a change. */
export interface DeskBreakerOptions {
  readonly config: BreakerConfig;
  /** Wall clock, ms. */
  readonly now: () => number;
  /** Called after every change of status (closed/open/half-open), with the states. */
  readonly onChange: (from: BreakerState, to: BreakerState) => void;
}

/**
 * The breaker state of one desk, stepped by engine-core's `breakerStep` from the stream's
 * events, the desk's admissions and clock ticks. It only decides; `onChange` lets the desk act.
 */
export class DeskBreaker {
  private _state: BreakerState;
  /** Orders printed NEW whose outcome has not come yet. */
  private readonly _pending = new Set<string>();
  private readonly _positions = new Map<string, Position>();

  constructor(private readonly o: DeskBreakerOptions) {
    this._state = initialBreaker(o.now());
  }

  get state(): BreakerState {
    return this._state;
  }

  /** The engine's positions (`position` lines of QUERY POSITIONS): the base for realized P&L. */
  seedPositions(events: readonly EngineEvent[]): void {
    this._positions.clear();
    for (const e of events) {
      if (e.type !== 'position' || typeof e.symbol !== 'string') continue;
      const qty = num(e.qty);
      const avgPrice = num(e.avg_price);
      const realizedPnl = num(e.realized_pnl);
      if (qty === null || avgPrice === null || realizedPnl === null) continue;
      this._positions.set(e.symbol, { symbol: e.symbol as SymbolId, qty, avgPrice, realizedPnl });
    }
  }

  /** One event of the desk's stream. */
  observe(e: EngineEvent): void {
    if (e.type === 'order_update') this._onUpdate(e);
    else if (e.type === 'fill') this._onFill(e);
  }

  /** Why a new order is refused now (open, or every probe in flight), without counting it. */
  refusal(): string | null {
    this.tick();
    const r = breakerAdmits(this._state, this.o.config);
    if (r === null) return null;
    const s = this._state;
    const wait =
      s.status === 'open'
        ? `probing from ${new Date(s.openedAt + this.o.config.coolDownMs).toISOString()}`
        : 'waiting for the probe orders';
    return `${r}: ${wait}, or reset the breaker (POST /api/breaker/reset)`;
  }

  /** An order the engine could not take at all (it was unavailable): a failure. */
  orderError(reason: string): void {
    this._step({ type: 'order_failed', ts: this.o.now(), reason });
  }

  /** Time passes: the cool-down ends in half-open. */
  tick(): void {
    this._step({ type: 'clock', ts: this.o.now() });
  }

  /** Closes the breaker by hand; its windows start empty. */
  reset(): void {
    this._pending.clear();
    this._step({ type: 'reset', ts: this.o.now() });
  }

  view(): BreakerView {
    const c = this.o.config;
    const s = this._state;
    const limits = {
      max_loss: c.maxLoss,
      loss_window_ms: c.lossWindowMs,
      max_error_rate: c.maxErrorRate,
      error_window_ms: c.errorWindowMs,
      min_orders: c.minOrdersForErrorRate,
      cool_down_ms: c.coolDownMs,
      probe_orders: c.probeOrders,
    };
    switch (s.status) {
      case 'closed': {
        let failed = 0;
        for (const x of s.outcomes) failed += x.value;
        let pnl = 0;
        for (const x of s.pnl) pnl += x.value;
        const window = { orders: s.outcomes.length, failed, realized_pnl: pnl };
        return { state: s.status, window, limits, persisted: false };
      }
      case 'open':
        return {
          state: s.status,
          reason: tripText(s.reason),
          trip: tripView(s.reason),
          opened_at_ms: s.openedAt,
          probe_at_ms: s.openedAt + c.coolDownMs,
          limits,
          persisted: false,
        };
      case 'half_open':
        return {
          state: s.status,
          reason: tripText(s.reason),
          trip: tripView(s.reason),
          probes: { sent: s.probesSent, ok: s.probesOk, needed: c.probeOrders },
          limits,
          persisted: false,
        };
    }
  }

  private _onUpdate(e: EngineEvent): void {
    const id = e.client_order_id;
    if (typeof id !== 'string') return;
    const ts = this.o.now();
    switch (e.status) {
      case 'NEW':
        // The engine took the order for the venue: while half-open, a probe. Counted here, not
        // when it is sent, so that every probe gets exactly one outcome below (an order the
        // engine denies or a duplicate id never becomes one).
        this._pending.add(id);
        this._step({ type: 'order_sent', ts });
        return;
      case 'ACCEPTED':
      case 'PARTIALLY_FILLED':
      case 'FILLED':
        if (this._pending.delete(id)) this._step({ type: 'order_succeeded', ts });
        return;
      case 'REJECTED': {
        // Only an order the engine sent counts. Its own pre-trade denials (no NEW before them:
        // the trader's input, not a failing system), refused cancels and duplicate ids do not.
        if (!this._pending.delete(id)) return;
        const reason = typeof e.reason === 'string' ? e.reason : 'rejected';
        // Refused by the router because the kill switch is engaged: the halt, not a failure.
        if (reason !== KILL_SWITCH_REASON) this._step({ type: 'order_failed', ts, reason });
        return;
      }
      case 'CANCELLED':
      case 'EXPIRED':
        // The venue took it and it ended (cancelled, or an IOC's rest expired): no failure.
        if (this._pending.delete(id)) this._step({ type: 'order_succeeded', ts });
        return;
      default:
        return;
    }
  }

  private _onFill(e: EngineEvent): void {
    const { symbol, side, fee_asset: feeAsset } = e;
    const qty = num(e.qty);
    const price = num(e.price);
    const fee = num(e.fee) ?? 0;
    if (typeof symbol !== 'string' || (side !== 'BUY' && side !== 'SELL')) return;
    if (qty === null || price === null) return;
    const prev = this._positions.get(symbol);
    const pos = nextPosition(prev, symbol as SymbolId, side === 'BUY' ? qty : -qty, price);
    this._positions.set(symbol, pos);
    const realized = pos.realizedPnl - (prev?.realizedPnl ?? 0);
    const amount = realized - feeInQuote(symbol, fee, feeAsset, price);
    if (amount !== 0) this._step({ type: 'realized_pnl', ts: this.o.now(), amount });
  }

  private _step(e: BreakerEvent): void {
    const from = this._state;
    this._state = breakerStep(from, e, this.o.config);
    if (from.status !== this._state.status) this.o.onChange(from, this._state);
  }
}

/**
 * A fill's fee in the quote currency: as is when paid in the quote asset, at the fill's price
 * when paid in the base asset; a fee in a third asset (e.g. BNB) has no exact quote value here
 * and is left out.
 */
export function feeInQuote(symbol: string, fee: number, feeAsset: unknown, price: number): number {
  if (fee === 0 || typeof feeAsset !== 'string') return 0;
  const quote = quoteAssetOf(symbol);
  if (feeAsset === quote) return fee;
  const base = symbol.endsWith(quote) ? symbol.slice(0, -quote.length) : null;
  return feeAsset === base ? fee * price : 0;
}

function tripView(r: TripReason): TripView {
  switch (r.code) {
    case 'loss_rate':
      return { code: r.code, loss: r.loss, limit: r.limit, window_ms: r.windowMs };
    case 'error_rate':
      return {
        code: r.code,
        failed: r.failed,
        total: r.total,
        limit: r.limit,
        window_ms: r.windowMs,
      };
    case 'stale_market':
      return { code: r.code, staleness_ms: r.stalenessMs, limit: r.limit };
    case 'probe_failed':
      return { code: r.code, reason: r.reason };
    case 'manual':
      return { code: r.code, note: r.note };
  }
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
