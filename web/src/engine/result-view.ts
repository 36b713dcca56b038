// What the page shows of a run beyond the report's numbers, computed in the worker next to the
// run: per-bar series as typed arrays (transferred), and the few rows a table shows.
import type { ReportDrawdownPeriod } from '../../../engine-core/src/analyzer';
import type { Candles } from '../../../engine-core/src/market';

/**
 * Buy & hold over the first `n` bars: `E_0 × close_t / open_0`, the initial cash held in the
 * asset. Null when there are no bars or the first open is not a price.
 */
export function buyAndHoldValues(
  bars: Pick<Candles, 'length' | 'open' | 'close'>,
  initialCash: number,
  n: number,
): Float64Array | null {
  const open0 = bars.open[0];
  if (bars.length === 0 || open0 === undefined || !(open0 > 0)) return null;
  const m = Math.min(bars.length, n);
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) out[i] = (initialCash * (bars.close[i] as number)) / open0;
  return out;
}

/** The `top` deepest drawdown periods, deepest first (ties in time order). */
export function worstDrawdowns(
  periods: readonly ReportDrawdownPeriod[],
  top: number,
): ReportDrawdownPeriod[] {
  return [...periods].sort((a, b) => b.depth - a.depth).slice(0, top);
}
