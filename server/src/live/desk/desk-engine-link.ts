// The engine the HTTP API talks to on a live desk. The live engine process starts only when the
// trader arms live trading (its balances come from the venue), so until then the API has no
// engine; and while the desk is not armed, new orders are refused before they reach the engine.
import {
  type CommandAck,
  type EngineEvent,
  type EngineLink,
  type EngineQuery,
  type EngineStatus,
  EngineUnavailableError,
  type OrderCommandFields,
} from '../../engine-process/engine-link';
import type { ExecReport } from '../venue-adapter';

/** What the desk hears about orders it let through. */
export interface OrderHooks {
  /** The engine could not take the order at all (unavailable). */
  readonly failed?: (reason: string) => void;
}

export class DeskEngineLink implements EngineLink {
  private _engine: EngineLink | null = null;
  private _unsubscribe: (() => void) | null = null;
  private readonly _listeners = new Set<(event: EngineEvent) => void>();

  /**
   * @param orderRefusal why a new order is refused now, or `null` to let it through.
   * @param hooks told when the engine could not take an order (the circuit breaker counts it).
   */
  constructor(
    private readonly orderRefusal: () => string | null,
    private readonly hooks: OrderHooks = {},
  ) {}

  /** Puts an engine behind the API; its events reach every subscriber from now on. */
  attach(engine: EngineLink): void {
    this._unsubscribe?.();
    this._engine = engine;
    this._unsubscribe = engine.subscribe((e) => this.publish(e));
  }

  attached(): EngineLink | null {
    return this._engine;
  }

  /** Sends a desk event (arming, router decisions) down the same stream as the engine's. */
  publish(event: EngineEvent): void {
    for (const l of this._listeners) l(event);
  }

  async order(cmd: OrderCommandFields): Promise<CommandAck> {
    const refusal = this.orderRefusal();
    if (refusal !== null) throw new EngineUnavailableError(refusal);
    const engine = this._need();
    try {
      return await engine.order(cmd);
    } catch (err) {
      this.hooks.failed?.(err instanceof Error ? err.message : String(err));
      throw err;
    }
  }

  async cancel(clientOrderId: string): Promise<CommandAck> {
    return this._need().cancel(clientOrderId);
  }

  async query(q: EngineQuery): Promise<readonly EngineEvent[]> {
    return this._need().query(q);
  }

  async exec(report: ExecReport): Promise<readonly EngineEvent[]> {
    return this._need().exec(report);
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  status(): EngineStatus {
    return this._engine?.status() ?? { state: 'stopped', reason: 'live trading not armed yet' };
  }

  private _need(): EngineLink {
    if (this._engine === null) {
      throw new EngineUnavailableError(
        'live trading is not armed: confirm it on the Live page (POST /api/live)',
      );
    }
    return this._engine;
  }
}
