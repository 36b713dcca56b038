import type { PaperSession } from '../../../engine-core/src/live';
import { StrategyHost } from '../../../engine-core/src/live';
import type { EngineEvent, SymbolId } from '../../../engine-core/src/model';
import { formatStrategyFailure } from '../../../engine-core/src/strategy/strategy-failure';
import type { PaperStrategySpec, PaperView } from './paper-api';
import type { ResolvedStrategy } from './paper-strategy';

/** Where a strategy runs: the session's engine, the feed's symbol and bars, the session's clock. */
export interface StrategyEnv {
  readonly session: PaperSession;
  readonly symbol: SymbolId;
  readonly interval: string;
  readonly intervalMs: number;
  readonly now: () => number;
  /** Events the strategy's own commands caused, once staged in the session's WAL. */
  readonly emitted: (events: readonly EngineEvent[]) => void;
}

/**
 * The paper session's strategy: its spec (kept while no host runs it: between two sessions, or
 * when it could not be resolved) and the `StrategyHost` that runs it. The host's orders are
 * staged in the session's WAL as they happen; the session's owner flushes them.
 */
export class StrategySlot {
  private _spec: PaperStrategySpec | null = null;
  private _host: StrategyHost | null = null;
  private _failure: string | null = null;

  get spec(): PaperStrategySpec | null {
    return this._spec;
  }

  /** The running host, or null. */
  get host(): StrategyHost | null {
    return this._host;
  }

  /** What the strategy pane shows. */
  view(): PaperView['strategy'] {
    if (this._spec === null) return null;
    const h = this._host;
    const thrown = h?.failure ? formatStrategyFailure(h.failure) : null;
    return { spec: this._spec, running: h?.running ?? false, failure: this._failure ?? thrown };
  }

  /** Runs `resolved` as `spec` on `env` (the previous host must be stopped first). */
  start(spec: PaperStrategySpec, resolved: ResolvedStrategy, env: StrategyEnv): void {
    const host = new StrategyHost({
      engine: env.session.engine,
      symbol: env.symbol,
      strategy: resolved.strategy,
      params: resolved.params,
      interval: env.interval,
      intervalMs: env.intervalMs,
      now: env.now,
      emit: (events) => {
        env.session.stage(events);
        env.emitted(events);
      },
      sourceFile: resolved.sourceFile,
      lineOffset: resolved.lineOffset,
    });
    this._spec = spec;
    this._host = host;
    this._failure = null;
    host.start();
  }

  /** Shows `spec` as not running, for `failure`. */
  failed(spec: PaperStrategySpec, failure: string): void {
    this._spec = spec;
    this._host = null;
    this._failure = failure;
  }

  /**
   * Stops the host; with `cancel` its working orders are cancelled first (staged). The spec
   * stays, to run again on the next session. Returns whether a host was running.
   */
  stop(cancel: boolean): boolean {
    const h = this._host;
    this._host = null;
    if (h === null) return false;
    if (cancel) h.cancelAll();
    return true;
  }

  /** Forgets the strategy (the host must be stopped first). */
  clear(): void {
    this._spec = null;
    this._failure = null;
  }
}
