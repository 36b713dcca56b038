// The live desk: one venue, armed by the trader. Arming reads the venue's balances, starts the
// engine process (external venue, file WAL; the balances seed a fresh WAL only) and the router
// between them. Disarming refuses new orders but keeps the router running, so fills and cancels
// of orders already at the venue still reach the engine. Nothing here holds a key longer than
// the adapter it builds.
import type { BreakerConfig, BreakerState } from '../../../../engine-core/src/risk';
import { tripText } from '../../../../engine-core/src/risk';
import type { EngineEvent, EngineLink } from '../../engine-process/engine-link';
import type { CredentialOrigin, CredentialSource } from '../credentials/credential-source';
import { LiveRouter, type RouterEvent } from '../router';
import type {
  ConnectionState,
  VenueAdapter,
  VenueCredentials,
  VenueId,
  VenueSnapshot,
} from '../venue-adapter';
import { DEFAULT_DESK_BREAKER } from './breaker-config';
import { type BreakerView, DeskBreaker } from './desk-breaker';
import { DeskEngineLink } from './desk-engine-link';

/** What `GET /api/live` shows. */
export interface LiveStatus {
  readonly venue: VenueId;
  readonly armed: boolean;
  readonly phase: DeskPhase['phase'];
  readonly reason?: string;
  readonly kill_switch: { readonly engaged: boolean; readonly reason?: string };
  readonly connection: ConnectionState;
  readonly credentials: CredentialOrigin;
  readonly breaker: BreakerView;
}

type DeskPhase =
  | { readonly phase: 'idle' }
  | { readonly phase: 'arming' }
  | { readonly phase: 'failed'; readonly reason: string }
  | {
      readonly phase: 'running';
      readonly router: LiveRouter;
      readonly adapter: VenueAdapter;
      readonly engine: DeskEngine;
    };

/** The engine process behind the desk, which the desk stops with itself. */
export interface DeskEngine extends EngineLink {
  stop(): Promise<void>;
}

export interface LiveDeskOptions {
  readonly venue: VenueId;
  readonly credentials: CredentialSource;
  readonly makeAdapter: (credentials: VenueCredentials) => VenueAdapter;
  /** Starts the engine process; `balances` seed it when its WAL is new. */
  readonly startEngine: (balances: Readonly<Record<string, number>>) => Promise<DeskEngine>;
  readonly now?: () => number;
  /** The circuit breaker's settings (default DEFAULT_DESK_BREAKER). */
  readonly breaker?: BreakerConfig;
  /** Repeats `fn` every `ms` (the breaker's clock tick); returns the stop function. */
  readonly every?: (fn: () => void, ms: number) => () => void;
}

/** How often the breaker hears the time while trading runs (its cool-down ends on a tick). */
const BREAKER_TICK_MS = 1000;

export type ArmResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export class LiveDesk {
  readonly engine: DeskEngineLink;
  private _phase: DeskPhase = { phase: 'idle' };
  private _armed = false;
  private _connection: ConnectionState = { state: 'closed' };
  private readonly _now: () => number;
  private readonly _breaker: DeskBreaker;
  /** The kill switch reason the breaker engaged it with, while the breaker holds it. */
  private _breakerKill: string | null = null;
  private _stopTicks: (() => void) | null = null;

  constructor(private readonly o: LiveDeskOptions) {
    this._now = o.now ?? Date.now;
    this._breaker = new DeskBreaker({
      config: o.breaker ?? DEFAULT_DESK_BREAKER,
      now: this._now,
      onChange: (from, to) => this._onBreakerChange(from, to),
    });
    this.engine = new DeskEngineLink(() => this._orderRefusal(), {
      failed: (reason) => this._breaker.orderError(reason),
    });
    this.engine.subscribe((e) => this._breaker.observe(e));
  }

  async status(): Promise<LiveStatus> {
    const origins = await this.o.credentials.origins().catch(() => null);
    const p = this._phase;
    const kill = p.phase === 'running' ? p.router.killSwitch() : { engaged: false as const };
    return {
      venue: this.o.venue,
      armed: this._armed,
      phase: p.phase,
      ...(p.phase === 'failed' ? { reason: p.reason } : {}),
      kill_switch: kill.engaged ? { engaged: true, reason: kill.reason } : { engaged: false },
      connection: this._connection,
      credentials: origins?.[this.o.venue] ?? 'absent',
      breaker: this._breakerView(),
    };
  }

  /**
   * Arms live routing. `confirm` must name the venue: the trader typed it. The first arm of a
   * server run connects the venue and starts the engine; later ones only lift the refusal.
   */
  async arm(confirm: string): Promise<ArmResult> {
    if (confirm !== this.o.venue) {
      return { ok: false, reason: `confirm must be "${this.o.venue}" to trade live on it` };
    }
    if (this._phase.phase === 'arming') return { ok: false, reason: 'already arming' };
    if (this._phase.phase !== 'running') {
      const started = await this._start();
      if (!started.ok) return started;
    }
    this._setArmed(true);
    return { ok: true };
  }

  disarm(): void {
    this._setArmed(false);
  }

  async engageKillSwitch(reason: string): Promise<ArmResult> {
    const p = this._phase;
    if (p.phase !== 'running') return { ok: false, reason: 'live trading has not been started' };
    await p.router.engageKillSwitch(reason);
    return { ok: true };
  }

  releaseKillSwitch(): ArmResult {
    const p = this._phase;
    if (p.phase !== 'running') return { ok: false, reason: 'live trading has not been started' };
    p.router.releaseKillSwitch();
    return { ok: true };
  }

  /** Closes the circuit breaker by hand (and releases the kill switch it engaged). */
  resetBreaker(): ArmResult {
    this._breaker.reset();
    return { ok: true };
  }

  /** The venue's round trip, once it is connected. */
  ping(): Promise<{ readonly latencyMs: number }> | null {
    return this._phase.phase === 'running' ? this._phase.adapter.ping() : null;
  }

  /** Stops routing, closes the venue, then stops the engine process (its WAL keeps all). */
  async stop(): Promise<void> {
    const p = this._phase;
    this._armed = false;
    this._phase = { phase: 'idle' };
    this._stopTicks?.();
    this._stopTicks = null;
    if (p.phase !== 'running') return;
    await p.router.stop();
    await p.engine.stop();
  }

  private async _start(): Promise<ArmResult> {
    this._phase = { phase: 'arming' };
    let adapter: VenueAdapter | null = null;
    let engine: DeskEngine | null = null;
    try {
      const creds = await this.o.credentials.get(this.o.venue);
      if (creds === null) {
        return this._fail(
          `no API keys for ${this.o.venue}: set VELOZ_${this.o.venue.toUpperCase()}_API_KEY and _API_SECRET, or enter them on the Live page`,
        );
      }
      adapter = this.o.makeAdapter(creds);
      const snapshot = await adapter.reconcile();
      engine = await this.o.startEngine(freeBalances(snapshot));
      this.engine.attach(engine);
      // The books realized P&L continues from (before the router can feed any fill).
      this._breaker.seedPositions(await engine.query('POSITIONS'));
      const router = new LiveRouter({ engine, adapter, now: this._now });
      router.onEvent((e) => this._onRouterEvent(e));
      await router.start();
      this._phase = { phase: 'running', router, adapter, engine };
      this._stopTicks ??= (this.o.every ?? every)(() => this._breaker.tick(), BREAKER_TICK_MS);
      return { ok: true };
    } catch (err) {
      await adapter?.close().catch(() => undefined);
      await engine?.stop().catch(() => undefined);
      return this._fail(`cannot start live trading on ${this.o.venue}: ${messageOf(err)}`);
    }
  }

  private _fail(reason: string): ArmResult {
    this._phase = { phase: 'failed', reason };
    this._publishLive();
    return { ok: false, reason };
  }

  private _setArmed(armed: boolean): void {
    this._armed = armed;
    this._publishLive();
  }

  private _orderRefusal(): string | null {
    if (!this._armed) {
      return 'live trading is not armed: confirm it on the Live page (POST /api/live)';
    }
    const breaker = this._breaker.refusal();
    if (breaker !== null) return breaker;
    const p = this._phase;
    const kill = p.phase === 'running' ? p.router.killSwitch() : null;
    // The router would refuse it too, after the engine booked it; better not to book it at all.
    if (kill?.engaged) return `kill switch engaged (${kill.reason}): release it first`;
    return null;
  }

  private _breakerView(): BreakerView {
    this._breaker.tick();
    return this._breaker.view();
  }

  /**
   * A trip engages the router's kill switch (which cancels every open order at the venue) with
   * the trip reason; leaving `open` (probing, or a reset) releases it if the breaker engaged it
   * and nobody engaged it since. Every change goes down the stream as a `breaker` event.
   */
  private _onBreakerChange(from: BreakerState, to: BreakerState): void {
    const p = this._phase;
    if (to.status === 'open') {
      const reason = `circuit_breaker: ${tripText(to.reason)}`;
      if (p.phase === 'running') {
        if (!p.router.killSwitch().engaged) this._breakerKill = reason;
        void p.router.engageKillSwitch(reason).catch(() => undefined);
      }
    } else if (from.status === 'open' && this._breakerKill !== null) {
      if (p.phase === 'running') {
        const kill = p.router.killSwitch();
        if (kill.engaged && kill.reason === this._breakerKill) p.router.releaseKillSwitch();
      }
      this._breakerKill = null;
    }
    this.engine.publish({ type: 'breaker', ts_ms: this._now(), ...this._breaker.view() });
  }

  private _onRouterEvent(e: RouterEvent): void {
    if (e.type === 'connection') this._connection = e.state;
    this.engine.publish(routerEvent(e));
  }

  private _publishLive(): void {
    const p = this._phase;
    this.engine.publish({
      type: 'live',
      ts_ms: this._now(),
      venue: this.o.venue,
      armed: this._armed,
      phase: p.phase,
      ...(p.phase === 'failed' ? { reason: p.reason } : {}),
    });
  }
}

function every(fn: () => void, ms: number): () => void {
  const timer = setInterval(fn, ms);
  timer.unref();
  return () => clearInterval(timer);
}

/** The free balances the venue reports: what the engine may trade with (locked is not ours). */
function freeBalances(s: VenueSnapshot): Record<string, number> {
  const out: Record<string, number> = {};
  for (const b of s.balances) if (b.free > 0) out[b.asset] = b.free;
  return out;
}

/** Router events go down the stream as they are, under their own type. */
function routerEvent(e: RouterEvent): EngineEvent {
  return { ...e } as EngineEvent;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
