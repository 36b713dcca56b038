import { assertNever } from '../../util';
import { seriesMoments } from './moments';
import { normalPdf, normalQuantile } from './normal';
import { portfolioPnl, type ReturnMatrix } from './return-matrix';
import type { VarEs } from './tail-stats';
import { horizonOf, type VarOptions } from './var-options';

/** A one-period P&L distribution, in the account currency. */
export type PnlModel =
  | { readonly kind: 'normal'; readonly mean: number; readonly stdev: number }
  | {
      /** Normal corrected for skew and fat tails by the Cornish-Fisher expansion. */
      readonly kind: 'cornish_fisher';
      readonly mean: number;
      readonly stdev: number;
      /** Skewness of the P&L (not of the loss). */
      readonly skew: number;
      readonly excessKurtosis: number;
    };

/**
 * Parametric VaR and ES. The horizon scales by the square root of time (mean × h, stdev × √h;
 * for Cornish-Fisher skew ÷ √h and excess kurtosis ÷ h, as for a sum of h i.i.d. periods).
 * Normal: VaR = −μ + σ z_α, ES = −μ + σ φ(z_α) / (1 − α). Cornish-Fisher: the loss quantile is
 * −μ + σ g(z) with g(z) = z + (z² − 1)s/6 + (z³ − 3z)k/24 − (2z³ − 5z)s²/36 (s the loss skew),
 * and ES integrates g against φ over the tail in closed form (the moments of a truncated normal):
 * ES = −μ + σ φ(a)/(1 − α) · [1 + a s/6 + (a² − 1)k/24 − (2a² − 1)s²/36], a = z_α.
 * Cornish-Fisher is only a valid quantile where g is increasing (moderate skew and kurtosis).
 */
export function parametricVar(model: PnlModel, options: VarOptions): VarEs {
  const h = horizonOf(options);
  const alpha = options.confidence;
  const mean = model.mean * h;
  const sd = model.stdev * Math.sqrt(h);
  const a = normalQuantile(alpha);
  const tail = normalPdf(a) / (1 - alpha);
  switch (model.kind) {
    case 'normal':
      return { var: -mean + sd * a, es: -mean + sd * tail };
    case 'cornish_fisher': {
      const s = -model.skew / Math.sqrt(h);
      const k = model.excessKurtosis / h;
      const a2 = a * a;
      const g =
        a + ((a2 - 1) * s) / 6 + ((a2 * a - 3 * a) * k) / 24 - ((2 * a2 * a - 5 * a) * s * s) / 36;
      const tailG = 1 + (a * s) / 6 + ((a2 - 1) * k) / 24 - ((2 * a2 - 1) * s * s) / 36;
      return { var: -mean + sd * g, es: -mean + sd * tail * tailG };
    }
    default:
      return assertNever(model);
  }
}

/** The P&L model of holding `exposures` fitted to the observed one-period portfolio P&L. */
export function fitPnlModel(
  returns: ReturnMatrix,
  exposures: ArrayLike<number>,
  kind: PnlModel['kind'],
): PnlModel {
  const m = seriesMoments(portfolioPnl(returns, exposures, 1));
  return kind === 'normal'
    ? { kind, mean: m.mean, stdev: m.stdev }
    : { kind, mean: m.mean, stdev: m.stdev, skew: m.skew, excessKurtosis: m.excessKurtosis };
}
