import type { Brand, ClientOrderId, Side, SymbolId } from '../model';
import type { AlgoKind } from './algo-spec';

/** A parent (algorithm) order id, unique per scheduler. */
export type ParentId = Brand<string, 'ParentId'>;

/**
 * Why a `done` parent left quantity unexecuted: its window or end time came (`window_ended`),
 * the rest is under the lot or min notional (`under_lot`), or its limit children did not fill by
 * the last slice's end and `finishWithMarket` was off (`limit_unfilled`).
 */
export type ShortfallCause = 'window_ended' | 'under_lot' | 'limit_unfilled';

/**
 * Where a parent order is. `working` sends children; `paused` has cancelled its children and
 * sends none until resumed; the other three are final (late fills of children cancelled on the
 * way out are still counted in the progress).
 */
export type ParentState =
  | { readonly kind: 'working' }
  | { readonly kind: 'paused' }
  | {
      readonly kind: 'done';
      /** Left unexecuted: window over, or below the instrument's lot / min notional. */
      readonly unfilledQty: number;
      readonly reason: string | null;
      /** Set whenever unfilledQty > 0: no silent partials. */
      readonly shortfall?: ShortfallCause;
    }
  | { readonly kind: 'cancelled'; readonly reason: string | null }
  | { readonly kind: 'failed'; readonly reason: string };

/** Done, cancelled or failed. */
export type FinalParentState = Exclude<ParentState, { kind: 'working' } | { kind: 'paused' }>;

/** True for done, cancelled and failed. */
export const isFinalParentState = (s: ParentState): boolean =>
  s.kind === 'done' || s.kind === 'cancelled' || s.kind === 'failed';

/** A parent's progress, plain data for the UI. */
export interface ParentProgress {
  readonly parentId: ParentId;
  readonly algo: AlgoKind;
  readonly symbol: SymbolId;
  readonly side: Side;
  /** How its children are priced: `limit` for iceberg and passive TWAP/VWAP/POV. */
  readonly childType: 'market' | 'limit';
  readonly qty: number;
  readonly filledQty: number;
  /** Σ price × qty / filledQty; 0 before the first fill. */
  readonly avgPrice: number;
  readonly fees: number;
  readonly childrenSent: number;
  readonly childrenWorking: number;
  /** Quantity on working children. */
  readonly workingQty: number;
  readonly state: ParentState;
}

/** What the scheduler reports: plain data with a `type` tag. */
export type ExecEvent =
  | { readonly type: 'parent_progress'; readonly ts: number; readonly progress: ParentProgress }
  | {
      /** A child was refused (risk, filters, funds, the venue) or ended with no fill on its own. */
      readonly type: 'child_refused';
      readonly ts: number;
      readonly parentId: ParentId;
      readonly clientOrderId: ClientOrderId;
      readonly reason: string;
      /** Refusals in a row; at the scheduler's `maxRefusals` the parent fails. */
      readonly consecutive: number;
    };
