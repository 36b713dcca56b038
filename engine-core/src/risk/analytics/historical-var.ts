import { portfolioPnl, type ReturnMatrix } from './return-matrix';
import { type VarEs, varEsInPlace } from './tail-stats';
import { horizonOf, type VarOptions } from './var-options';

/** A VaR/ES estimate from observed outcomes, with how many outcomes it rests on. */
export interface HistoricalVarEs extends VarEs {
  readonly scenarios: number;
}

/**
 * Historical simulation: the loss of today's `exposures` (signed value per asset, in the
 * account currency) under each observed window of `horizon` periods (overlapping, each asset's
 * returns compounded), then the empirical VaR and ES of those losses. Results are currency.
 */
export function historicalVar(
  returns: ReturnMatrix,
  exposures: ArrayLike<number>,
  options: VarOptions,
): HistoricalVarEs {
  const pnl = portfolioPnl(returns, exposures, horizonOf(options));
  for (let t = 0; t < pnl.length; t++) pnl[t] = -pnl[t];
  const scenarios = pnl.length;
  return { ...varEsInPlace(pnl, options.confidence), scenarios };
}
