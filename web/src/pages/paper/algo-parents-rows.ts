// The parents table's rows: engine-core's `ParentProgress` as the table shows it.
import type { ParentProgress } from '../../../../engine-core/src/exec';

/** Which buttons a parent offers. */
export interface ParentActions {
  readonly pause: boolean;
  readonly resume: boolean;
  readonly cancel: boolean;
}

/** One row. */
export interface ParentRow {
  readonly id: string;
  readonly label: string;
  readonly state: ParentProgress['state']['kind'];
  /** Why it ended (done short, cancelled, failed), or ''. */
  readonly why: string;
  readonly filled: number;
  readonly total: number;
  /** filled ÷ total, 0..1. */
  readonly progress: number;
  readonly avgPrice: number | null;
  readonly childrenSent: number;
  readonly childrenWorking: number;
  /** How its children are priced. */
  readonly child: ParentProgress['childType'];
  /** What a done parent left unexecuted (0 when it filled, or is not done). */
  readonly shortfall: number;
  readonly actions: ParentActions;
}

/** A row of a parent's progress. */
export function parentRow(p: ParentProgress): ParentRow {
  const s = p.state;
  const why =
    s.kind === 'done' || s.kind === 'cancelled'
      ? (s.reason ?? '')
      : s.kind === 'failed'
        ? s.reason
        : '';
  return {
    id: p.parentId,
    label: `${p.algo.toUpperCase()} ${p.side} ${p.qty} ${p.symbol}`,
    state: s.kind,
    why,
    filled: p.filledQty,
    total: p.qty,
    progress: p.qty > 0 ? Math.min(1, p.filledQty / p.qty) : 0,
    avgPrice: p.filledQty > 0 ? p.avgPrice : null,
    childrenSent: p.childrenSent,
    childrenWorking: p.childrenWorking,
    child: p.childType,
    shortfall: s.kind === 'done' ? s.unfilledQty : 0,
    actions: {
      pause: s.kind === 'working',
      resume: s.kind === 'paused',
      cancel: s.kind === 'working' || s.kind === 'paused',
    },
  };
}
