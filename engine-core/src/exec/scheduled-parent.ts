// The scheduler's internal records of a parent order and of its working children (not exported
// from index.ts).
import type { ClientOrderId, Instrument } from '../model';
import type { AlgoSpec } from './algo-spec';
import type { Algo } from './algos/algo';
import { createAlgo } from './algos/create-algo';
import type { ParentId, ParentState } from './parent-state';

/** A parent order inside the scheduler: its spec, its algorithm and its running figures. */
export interface Parent {
  readonly id: ParentId;
  /** Index in the `ParentBook`, and the parent's key in the timer heap. */
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

/** A working child order of a parent. */
export interface Child {
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

/** A new parent at `slot` with nothing sent, unscheduled, not held. */
export function newParent(
  id: ParentId,
  slot: number,
  spec: AlgoSpec,
  inst: Instrument | undefined,
  state: ParentState,
  retryMs: number,
): Parent {
  return {
    id,
    slot,
    spec,
    algo: createAlgo(spec, retryMs),
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
}
