import type { Clock } from '../../clock';
import type { Engine } from '../../engine/engine';
import {
  type ClientOrderId,
  type EngineCommand,
  type EngineEvent,
  limitPrice,
  type OrderRequest,
  stopPrice,
} from '../../model';
import { err, ok, type Result } from '../../util';
import type { RiskLimits } from '../risk-limits';
import { maxOrderNotional } from '../rules/max-order-notional';
import { maxPosition } from '../rules/max-position';
import {
  type BreakerConfig,
  type BreakerEvent,
  type BreakerState,
  breakerAdmits,
  breakerStep,
  initialBreaker,
  tripText,
} from './circuit-breaker';

/**
 * A kill switch outside the engine. The server's live router (`engageKillSwitch`,
 * `releaseKillSwitch`) fits it as it is.
 */
export interface KillSwitchPort {
  engageKillSwitch(reason: string): unknown;
  releaseKillSwitch(): void;
}

/** Settings of the gate. */
export interface BreakerGateOptions {
  readonly breaker: BreakerConfig;
  /** Engaged while the breaker is open, released when it probes or closes. */
  readonly killSwitch?: KillSwitchPort;
  /** Notional limits in force now (e.g. volatility-scaled), checked before the engine's own. */
  readonly limits?: () => RiskLimits;
}

/**
 * Puts a circuit breaker in front of an engine, through the engine's public API only: orders
 * the breaker (or the dynamic limits) refuse never reach the engine; everything else passes
 * through, and the engine's events feed the breaker (market data, order outcomes, realized
 * P&L). On a trip it cancels every open order and engages the kill-switch port.
 *
 * The engine's own kill switch cannot be engaged or released from outside (it trips on its
 * daily-loss and drawdown limits, for good), so the gate refuses orders itself.
 */
export class BreakerGate {
  private _state: BreakerState;
  /** Orders let through whose outcome (accepted/filled vs denied/rejected) is still unknown. */
  private readonly _pending = new Set<ClientOrderId>();
  private _extra: EngineEvent[] = [];

  constructor(
    private readonly _engine: Engine,
    private readonly _clock: Clock,
    private readonly _o: BreakerGateOptions,
  ) {
    this._state = initialBreaker(_clock.now());
  }

  /** The breaker's state now. */
  get breaker(): BreakerState {
    return this._state;
  }

  /** A command through the gate: the engine's events, or why the order was refused. */
  handle(cmd: EngineCommand): Result<EngineEvent[], string> {
    this._extra = [];
    const ts = this._clock.now();
    this._apply({ type: 'clock', ts });
    if (cmd.type === 'submit_order') {
      const refused =
        breakerAdmits(this._state, this._o.breaker) ?? this._limitCheck(cmd.request, ts);
      if (refused !== null) return err(refused);
      if (this._state.status === 'half_open') this._apply({ type: 'order_sent', ts });
      this._pending.add(cmd.request.clientOrderId);
    }
    const before = this._realized();
    const events = this._engine.handle(cmd);
    this._observe(events, before);
    return ok([...events, ...this._extra]);
  }

  /** Venue reports that fell due, and the passing of time (staleness, cool-down). */
  poll(): EngineEvent[] {
    this._extra = [];
    const before = this._realized();
    const events = this._engine.poll();
    this._observe(events, before);
    this._apply({ type: 'clock', ts: this._clock.now() });
    return [...events, ...this._extra];
  }

  /** Halts trading by hand. */
  trip(note: string): EngineEvent[] {
    this._extra = [];
    this._apply({ type: 'trip', ts: this._clock.now(), note });
    return this._extra;
  }

  /** Closes the breaker by hand. */
  reset(): void {
    this._apply({ type: 'reset', ts: this._clock.now() });
  }

  private _observe(events: readonly EngineEvent[], realizedBefore: number): void {
    let fees = 0;
    let filled = false;
    const account = this._engine.state.accountAsset;
    for (const e of events) {
      switch (e.type) {
        case 'market_updated':
          this._apply({ type: 'market_data', ts: e.ts });
          break;
        case 'order_denied':
          this._outcome(e.request.clientOrderId, {
            type: 'order_failed',
            ts: e.ts,
            reason: e.reason,
          });
          break;
        case 'order_rejected':
          this._outcome(e.clientOrderId, { type: 'order_failed', ts: e.ts, reason: e.reason });
          break;
        case 'order_accepted':
          this._outcome(e.clientOrderId, { type: 'order_succeeded', ts: e.ts });
          break;
        case 'order_filled':
          this._outcome(e.clientOrderId, { type: 'order_succeeded', ts: e.ts });
          filled = true;
          if (e.feeAsset === account) fees += e.fee;
          break;
        default:
          break;
      }
    }
    if (filled) {
      const amount = this._realized() - realizedBefore - fees;
      if (amount !== 0) this._apply({ type: 'realized_pnl', ts: this._clock.now(), amount });
    }
  }

  private _outcome(id: ClientOrderId, e: BreakerEvent): void {
    if (!this._pending.delete(id)) return;
    this._apply(e);
  }

  private _apply(e: BreakerEvent): void {
    const was = this._state.status;
    this._state = breakerStep(this._state, e, this._o.breaker);
    const now = this._state;
    if (was !== 'open' && now.status === 'open') this._halt(tripText(now.reason));
    else if (was === 'open' && now.status !== 'open') this._o.killSwitch?.releaseKillSwitch();
  }

  private _halt(reason: string): void {
    this._o.killSwitch?.engageKillSwitch(`circuit_breaker: ${reason}`);
    for (const id of [...this._engine.state.openOrders]) {
      this._extra.push(...this._engine.handle({ type: 'cancel_order', clientOrderId: id }));
    }
  }

  /** The dynamic notional limits, by the engine's own rules, or null when there are none. */
  private _limitCheck(r: OrderRequest, ts: number): string | null {
    if (this._o.limits === undefined) return null;
    const refPrice = limitPrice(r) ?? stopPrice(r) ?? this._engine.state.marks.get(r.symbol);
    if (refPrice === undefined) return null; // the engine refuses it: no price
    const ctx = {
      request: r,
      refPrice,
      state: this._engine.state,
      limits: this._o.limits(),
      now: ts,
    };
    return maxOrderNotional(ctx) ?? maxPosition(ctx);
  }

  /** Σ realized P&L over positions (before fees). */
  private _realized(): number {
    let s = 0;
    for (const p of this._engine.state.positions.values()) s += p.realizedPnl;
    return s;
  }
}
