// VaR and ES of the account by the three methods side by side, each engine-core's own function on
// the same returns and the same exposure; this module only picks the inputs and labels the rows.
import {
  covarianceMatrix,
  fitPnlModel,
  historicalVar,
  meanVector,
  monteCarloVar,
  parametricVar,
  type ReturnMatrix,
  type VarEs,
} from '../../../../engine-core/src/risk';
import type { ReturnSeries } from './risk-returns';

/** Confidence levels and horizons the page offers. */
export const CONFIDENCES = [0.95, 0.99] as const;
export const HORIZONS = [1, 10] as const;
export type Confidence = (typeof CONFIDENCES)[number];
export type Horizon = (typeof HORIZONS)[number];

/** Monte Carlo: seeded, so the same inputs show the same figures; modest, so it runs in the page. */
export const MC_PATHS = 5_000;
export const MC_SEED = 20_240_101;

/** One method's row: VaR and ES in the account currency, or why it could not be computed. */
export type VarRow =
  | {
      readonly method: VarMethod;
      readonly ok: true;
      readonly var: number;
      readonly es: number;
      readonly note: string;
    }
  | { readonly method: VarMethod; readonly ok: false; readonly error: string };

export type VarMethod = 'historical' | 'parametric' | 'monte_carlo';

/** The three rows for holding `exposure` (signed value of the series' asset) at `confidence`, `horizon`. */
export function varRows(
  series: ReturnSeries,
  exposure: number,
  confidence: Confidence,
  horizon: Horizon,
): readonly VarRow[] {
  const m: ReturnMatrix = { columns: [series.returns] };
  const w = [exposure];
  const o = { confidence, horizon };
  const n = series.returns.length;
  const rows: VarRow[] = [];
  if (n - horizon + 1 < 1) {
    rows.push({ method: 'historical', ok: false, error: `${n} returns: too few for ${horizon}` });
  } else {
    const h = historicalVar(m, w, o);
    rows.push(row('historical', h, `${h.scenarios} overlapping windows`));
  }
  rows.push(row('parametric', parametricVar(fitPnlModel(m, w, 'normal'), o), 'normal, √h scaling'));
  const mc = monteCarloVar(
    { mean: meanVector(m), cov: covarianceMatrix(m), exposures: w },
    { ...o, paths: MC_PATHS, seed: MC_SEED },
  );
  rows.push(
    mc.ok
      ? row('monte_carlo', mc.value, `${MC_PATHS} paths, seed ${MC_SEED}`)
      : { method: 'monte_carlo', ok: false, error: mc.error },
  );
  return rows;
}

const row = (method: VarMethod, v: VarEs, note: string): VarRow => ({
  method,
  ok: true,
  var: v.var,
  es: v.es,
  note,
});

/** A method's name as the table shows it. */
export const METHOD_LABEL: Readonly<Record<VarMethod, string>> = {
  historical: 'Historical',
  parametric: 'Parametric',
  monte_carlo: 'Monte Carlo',
};
