import type { ParentProgress } from './parent-state';
import type { Parent } from './scheduled-parent';

/** The public view of a parent's figures (`ExecScheduler.progress`, `parent_progress` events). */
export function progressOf(p: Parent): ParentProgress {
  return {
    parentId: p.id,
    algo: p.spec.algo,
    symbol: p.spec.symbol,
    side: p.spec.side,
    childType: p.spec.algo === 'iceberg' || p.algo.passive !== null ? 'limit' : 'market',
    qty: p.qty,
    filledQty: p.filled,
    avgPrice: p.filled > 0 ? p.cumQuote / p.filled : 0,
    fees: p.fees,
    childrenSent: p.childrenSent,
    childrenWorking: p.childrenWorking,
    workingQty: p.working,
    state: p.state,
  };
}
