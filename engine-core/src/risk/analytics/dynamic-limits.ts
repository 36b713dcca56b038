import { assert } from '../../util';
import type { RiskLimits } from '../risk-limits';
import type { VolEstimate } from './realized-vol';

/** How limits follow volatility: factor = clamp(targetVol / realizedVol, minFactor, maxFactor). */
export interface VolTargeting {
  /** In the same units as the estimate (per bar, or both annualized). */
  readonly targetVol: number;
  readonly minFactor: number;
  readonly maxFactor: number;
  /** Factor while the estimate is warming up; `minFactor` when absent (trade small until known). */
  readonly warmupFactor?: number;
}

/** The factor the limits are scaled by; always within [minFactor, maxFactor]. */
export function volFactor(est: VolEstimate, t: VolTargeting): number {
  assert(0 < t.minFactor && t.minFactor <= t.maxFactor, 'need 0 < minFactor ≤ maxFactor');
  if (est.kind === 'warming') return t.warmupFactor ?? t.minFactor;
  // Zero volatility (a halted market) gives the largest factor, never a division by zero.
  const raw = est.vol > 0 ? t.targetVol / est.vol : Number.POSITIVE_INFINITY;
  return Math.min(t.maxFactor, Math.max(t.minFactor, raw));
}

/** The notional limits (order, position) scaled by `factor`; rules that are off stay off. */
export function scaleLimits(base: RiskLimits, factor: number): RiskLimits {
  return {
    ...base,
    maxOrderNotional: base.maxOrderNotional === null ? null : base.maxOrderNotional * factor,
    maxPositionNotional:
      base.maxPositionNotional === null ? null : base.maxPositionNotional * factor,
  };
}
