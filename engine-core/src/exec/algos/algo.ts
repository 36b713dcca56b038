import type { OrderPricing, TimeInForce } from '../../model';
import type { LimitChild } from '../algo-spec';

/** A parent's figures an algorithm decides from. */
export interface ParentFigures {
  readonly qty: number;
  readonly filled: number;
  /** Open quantity on working children. */
  readonly working: number;
}

/** An algorithm's decision, written into a reused object (no allocation per wake). */
export interface AlgoStep {
  /** Quantity to send now (before lot rounding and the remaining cap); 0 for none. */
  send: number;
  /** When to wake next; null: only on market volume or a child ending. */
  next: number | null;
  /** The algorithm is over: cancel what works and end the parent (done, unfilled kept). */
  finish: boolean;
  /** Send `send` as a market child even though children are passive (the last slice's rest). */
  market: boolean;
}

/**
 * One execution algorithm's logic, apart from the plumbing (ids, engine, refusals) that the
 * scheduler does for all of them. `decide` says what should be out there now; the scheduler
 * calls it on timer wake-ups, on volume (when `listensToVolume`), and when a child ends (when
 * `refreshOnChildDone`).
 */
export interface Algo {
  /** The children's order type and price (when not `passive`). */
  readonly pricing: OrderPricing;
  /** Limit children priced off the touch when sent (TWAP, VWAP, POV with `child.type` limit). */
  readonly passive: LimitChild | null;
  /**
   * When a passive child sent at `t` ends its slice (cancelled, its rest rolled on), or null:
   * it rests until filled, chased or the parent ends.
   */
  sliceEnd(t: number): number | null;
  readonly tif: TimeInForce;
  readonly listensToVolume: boolean;
  readonly refreshOnChildDone: boolean;
  /** When to wake first (at or after the submission time). */
  firstWake(now: number): number;
  /**
   * When a parent rebuilt after a restart first wakes, or null for none (volume or a child's end
   * will wake it). Scheduled algos catch up with their plan at once; POV waits for volume.
   */
  restartWake(now: number): number | null;
  decide(now: number, f: ParentFigures, out: AlgoStep): void;
  /** Market volume observed on the parent's symbol (POV); also restores a journaled total. */
  observeVolume(qty: number): void;
  /** Market volume observed so far (0 for algos that ignore volume). */
  readonly observed: number;
}
