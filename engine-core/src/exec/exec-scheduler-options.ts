import type { Engine } from '../engine';
import type { EngineEvent, SymbolId } from '../model';
import type { ParentRecord } from './parent-record';
import type { ExecEvent } from './parent-state';

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
