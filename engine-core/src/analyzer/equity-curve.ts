import type { BacktestResult } from './backtest-result';
import { drawdownSeries } from './periods';

/** One bar of the equity curve, as every report layout writes it. */
export interface EquityCurvePoint {
  /** The bar's open time (ms). */
  readonly time: number;
  /** Equity marked at the bar's close. */
  readonly equity: number;
  /** `equity / E_0 − 1`, a fraction. */
  readonly cumulativeReturn: number;
  /** `(peak − equity) / peak`, a positive fraction (`drawdownSeries`). */
  readonly drawdown: number;
}

/**
 * The equity and drawdown curve of a backtest, one point per bar: the one place both our report
 * and the seed layout take their curves from, so the two cannot drift apart.
 */
export function equityCurve(result: BacktestResult): EquityCurvePoint[] {
  const { time, equity } = result;
  const e0 = result.config.initial_cash;
  const dd = drawdownSeries(result);
  const out: EquityCurvePoint[] = new Array(equity.length);
  for (let t = 0; t < equity.length; t++) {
    const e = equity[t] as number;
    out[t] = {
      time: time[t] as number,
      equity: e,
      cumulativeReturn: e / e0 - 1,
      drawdown: dd[t] as number,
    };
  }
  return out;
}
